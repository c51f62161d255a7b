-- The correction that closed a registry conflict without a choice (the record came to the main
-- system's value), named, so that cancelling it — or Implanta rejecting it, or undoing the import
-- it came in — opens exactly that conflict again. Conflicts closed before are linked as they were
-- found until now: the correction of that record and field saved at the instant the conflict closed.
ALTER TABLE `registry_conflicts` ADD `closed_by` text;--> statement-breakpoint
UPDATE `registry_conflicts` SET `closed_by` = (
  SELECT k.uuid FROM corrections k
   WHERE k.professional_id = registry_conflicts.professional_id AND k.field = registry_conflicts.field AND k.created_at = registry_conflicts.resolved_at
   ORDER BY k.id DESC LIMIT 1)
WHERE `resolved_at` IS NOT NULL AND `resolution` IS NULL;
