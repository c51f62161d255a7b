CREATE TABLE `pendencies` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`code` text NOT NULL,
	`field` text,
	`message` text NOT NULL,
	`source` text DEFAULT 'rule' NOT NULL,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pendencies_source" CHECK(source IN ('rule', 'load'))
);
--> statement-breakpoint
CREATE INDEX `pendencies_professional_idx` ON `pendencies` (`professional_id`);--> statement-breakpoint
CREATE INDEX `pendencies_code_idx` ON `pendencies` (`code`);--> statement-breakpoint
CREATE TABLE `record_history` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`at` text NOT NULL,
	`operator` text NOT NULL,
	`kind` text NOT NULL,
	`field` text,
	`old_value` text,
	`new_value` text,
	`correction_uuid` text,
	`import_id` integer,
	`batch_id` integer,
	`note` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_history_professional_idx` ON `record_history` (`professional_id`,`id`);--> statement-breakpoint
CREATE TABLE `registry_conflicts` (
	`id` integer PRIMARY KEY NOT NULL,
	`import_id` integer,
	`row` integer,
	`professional_id` integer NOT NULL,
	`field` text NOT NULL,
	`desk_value` text,
	`file_value` text,
	`correction_uuid` text NOT NULL,
	`created_at` text NOT NULL,
	`resolved_at` text,
	`resolution` text,
	`operator` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "registry_conflicts_resolution" CHECK(resolution IS NULL OR resolution IN ('kept', 'file'))
);
--> statement-breakpoint
CREATE INDEX `registry_conflicts_professional_idx` ON `registry_conflicts` (`professional_id`);--> statement-breakpoint
CREATE INDEX `registry_conflicts_open_idx` ON `registry_conflicts` (`resolved_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_cep_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`uuid` text NOT NULL,
	`cep` text NOT NULL,
	`old_value` text,
	`new_value` text NOT NULL,
	`reason` text NOT NULL,
	`operator` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`status_message` text,
	`batch_id` integer,
	`import_id` integer,
	`resolved_at` text,
	`resolution` text,
	`resolution_note` text,
	CONSTRAINT "cep_changes_status" CHECK(status IN ('pending', 'batched', 'sent', 'synced', 'rejected', 'cancelled'))
);
--> statement-breakpoint
INSERT INTO `__new_cep_changes`("id", "uuid", "cep", "old_value", "new_value", "reason", "operator", "created_at", "status", "status_message", "batch_id", "import_id") SELECT "id", "uuid", "cep", "old_value", "new_value", "reason", "operator", "created_at", "status", "status_message", "batch_id", "import_id" FROM `cep_changes`;--> statement-breakpoint
DROP TABLE `cep_changes`;--> statement-breakpoint
ALTER TABLE `__new_cep_changes` RENAME TO `cep_changes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `cep_changes_uuid_unique` ON `cep_changes` (`uuid`);--> statement-breakpoint
CREATE INDEX `cep_changes_cep_idx` ON `cep_changes` (`cep`);--> statement-breakpoint
CREATE INDEX `cep_changes_import_idx` ON `cep_changes` (`import_id`);--> statement-breakpoint
CREATE INDEX `cep_changes_status_idx` ON `cep_changes` (`status`);--> statement-breakpoint
CREATE INDEX `cep_changes_batch_idx` ON `cep_changes` (`batch_id`);--> statement-breakpoint
CREATE TABLE `__new_corrections` (
	`id` integer PRIMARY KEY NOT NULL,
	`uuid` text NOT NULL,
	`professional_id` integer NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text,
	`reason` text NOT NULL,
	`evidence_kind` text,
	`evidence_arrival` text,
	`evidence_date` text,
	`evidence_note` text,
	`operator` text NOT NULL,
	`created_at` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`status_message` text,
	`status_changed_at` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`dip_consequence` text DEFAULT 'none' NOT NULL,
	`batch_id` integer,
	`import_id` integer,
	`import_row_version` integer,
	`dip_request_corrected` integer,
	`resolved_at` text,
	`resolution` text,
	`resolution_note` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "corrections_status" CHECK(status IN ('pending', 'batched', 'sent', 'synced', 'rejected', 'cancelled')),
	CONSTRAINT "corrections_source" CHECK(source IN ('manual', 'import', 'conflict')),
	CONSTRAINT "corrections_dip_consequence" CHECK(dip_consequence IN ('none', 'correct_dip_request', 'new_card_required')),
	CONSTRAINT "corrections_resolution" CHECK(resolution IS NULL OR resolution IN ('corrected', 'dismissed')),
	CONSTRAINT "corrections_evidence_arrival" CHECK(evidence_arrival IS NULL OR evidence_arrival IN ('in_person', 'post'))
);
--> statement-breakpoint
INSERT INTO `__new_corrections`("id", "uuid", "professional_id", "field", "old_value", "new_value", "reason", "evidence_kind", "evidence_arrival", "evidence_date", "evidence_note", "operator", "created_at", "status", "status_message", "status_changed_at", "source", "dip_consequence", "batch_id", "import_id", "import_row_version") SELECT "id", "uuid", "professional_id", "field", "old_value", "new_value", "reason", "evidence_kind", "evidence_arrival", "evidence_date", "evidence_note", "operator", "created_at", "status", "status_message", "status_changed_at", "source", "dip_consequence", "batch_id", "import_id", "import_row_version" FROM `corrections`;--> statement-breakpoint
DROP TABLE `corrections`;--> statement-breakpoint
ALTER TABLE `__new_corrections` RENAME TO `corrections`;--> statement-breakpoint
CREATE UNIQUE INDEX `corrections_uuid_unique` ON `corrections` (`uuid`);--> statement-breakpoint
CREATE INDEX `corrections_status_idx` ON `corrections` (`status`);--> statement-breakpoint
CREATE INDEX `corrections_professional_idx` ON `corrections` (`professional_id`);--> statement-breakpoint
CREATE INDEX `corrections_created_at_idx` ON `corrections` (`created_at`);--> statement-breakpoint
CREATE INDEX `corrections_field_idx` ON `corrections` (`field`);--> statement-breakpoint
CREATE INDEX `corrections_import_idx` ON `corrections` (`import_id`);--> statement-breakpoint
CREATE INDEX `corrections_batch_idx` ON `corrections` (`batch_id`,`status`);--> statement-breakpoint
CREATE INDEX `corrections_status_changed_idx` ON `corrections` (`status`,`status_changed_at`);--> statement-breakpoint
CREATE INDEX `corrections_batch_order_idx` ON `corrections` (`batch_id`);--> statement-breakpoint
CREATE INDEX `corrections_batch_dip_idx` ON `corrections` (`batch_id`,`professional_id`) WHERE dip_consequence = 'correct_dip_request';--> statement-breakpoint
ALTER TABLE `batch_professionals` ADD `previous_cpf` text;--> statement-breakpoint
ALTER TABLE `batches` ADD `schema_version` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `flagged` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `kept` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `imports` ADD `conflicts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `professionals` ADD `dip_status_at` text;--> statement-breakpoint
ALTER TABLE `professionals` ADD `loaded_values` text;--> statement-breakpoint
-- Sealed batches keep the package format they were sealed with (two items for the mother fact).
UPDATE `batches` SET `schema_version` = 1 WHERE `sealed_at` IS NOT NULL;--> statement-breakpoint
-- One fact, one item: a mother's name and "Não consta mãe" saved together (same record, same
-- moment) and not yet in a sealed batch become one `mother` correction.
CREATE TEMP TABLE `__mother_pairs` AS
  SELECT n.id AS name_id, f.id AS flag_id, n.professional_id AS professional_id, n.created_at AS created_at
  FROM `corrections` n
  LEFT JOIN `corrections` f ON f.professional_id = n.professional_id AND f.created_at = n.created_at AND f.field = 'motherNotListed'
    AND f.status = n.status AND f.batch_id IS n.batch_id
  WHERE n.field = 'motherName' AND (n.status = 'pending' OR (n.status = 'batched' AND (SELECT state FROM batches b WHERE b.id = n.batch_id) = 'open'));--> statement-breakpoint
UPDATE `corrections` SET
  `field` = 'mother',
  `old_value` = json_object('motherName', `old_value`, 'motherNotListed',
    json(CASE WHEN (SELECT f.old_value FROM corrections f JOIN __mother_pairs p ON p.flag_id = f.id WHERE p.name_id = corrections.id) = 'true' THEN 'true' ELSE 'false' END)),
  `new_value` = json_object('motherName', `new_value`, 'motherNotListed',
    json(CASE WHEN (SELECT f.new_value FROM corrections f JOIN __mother_pairs p ON p.flag_id = f.id WHERE p.name_id = corrections.id) = 'true' THEN 'true' ELSE 'false' END))
WHERE `id` IN (SELECT name_id FROM __mother_pairs);--> statement-breakpoint
DELETE FROM `corrections` WHERE `id` IN (SELECT flag_id FROM __mother_pairs WHERE flag_id IS NOT NULL);--> statement-breakpoint
-- A flag change alone (the name was already empty) becomes a `mother` item too.
UPDATE `corrections` SET
  `field` = 'mother',
  `old_value` = json_object('motherName', NULL, 'motherNotListed', json(CASE WHEN `old_value` = 'true' THEN 'true' ELSE 'false' END)),
  `new_value` = json_object('motherName', NULL, 'motherNotListed', json(CASE WHEN `new_value` = 'true' THEN 'true' ELSE 'false' END))
WHERE `field` = 'motherNotListed' AND (`status` = 'pending' OR (`status` = 'batched' AND (SELECT state FROM batches b WHERE b.id = corrections.batch_id) = 'open'));--> statement-breakpoint
DROP TABLE `__mother_pairs`;--> statement-breakpoint
-- The record's history starts with the corrections already saved.
INSERT INTO `record_history` (`professional_id`, `at`, `operator`, `kind`, `field`, `old_value`, `new_value`, `correction_uuid`, `import_id`, `note`)
  SELECT `professional_id`, `created_at`, `operator`, CASE WHEN `source` = 'import' THEN 'correction_import' ELSE 'correction' END,
    `field`, `old_value`, `new_value`, `uuid`, `import_id`, `reason`
  FROM `corrections` ORDER BY `id`;--> statement-breakpoint
-- Work the app does once after this migration (computing every record's pendências).
CREATE TABLE `store_tasks` (
	`name` text PRIMARY KEY NOT NULL,
	`done_at` text
);--> statement-breakpoint
INSERT INTO `store_tasks` (`name`, `done_at`) VALUES ('pendencies_scan', NULL);--> statement-breakpoint
-- The guards of migration 0004, again: rebuilding the tables dropped them. A cancelled
-- correction keeps its status, and only a pending one (out of any sealed batch) can be cancelled.
CREATE TRIGGER corrections_content_fixed BEFORE UPDATE OF uuid, professional_id, field, old_value, new_value, reason,
  evidence_kind, evidence_arrival, evidence_date, evidence_note, operator, created_at, source, dip_consequence ON corrections
WHEN OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a correction in a batch is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER corrections_sealed_membership BEFORE UPDATE OF batch_id ON corrections
WHEN NEW.batch_id IS NOT OLD.batch_id AND (
  (OLD.batch_id IS NOT NULL AND (SELECT state FROM batches WHERE id = OLD.batch_id) <> 'open')
  OR (NEW.batch_id IS NOT NULL AND (SELECT state FROM batches WHERE id = NEW.batch_id) <> 'open'))
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
--> statement-breakpoint
CREATE TRIGGER corrections_answered_status BEFORE UPDATE OF status ON corrections
WHEN (OLD.status IN ('synced', 'rejected', 'cancelled') AND NEW.status IS NOT OLD.status)
  OR (OLD.status = 'sent' AND NEW.status NOT IN ('sent', 'synced', 'rejected'))
  OR (NEW.status = 'cancelled' AND (OLD.status <> 'pending' OR OLD.batch_id IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'a correction that reached Implanta keeps its answer');
END;
--> statement-breakpoint
CREATE TRIGGER corrections_batched_no_delete BEFORE DELETE ON corrections
WHEN OLD.batch_id IS NOT NULL OR OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a correction in a batch is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER cep_changes_content_fixed BEFORE UPDATE OF uuid, cep, old_value, new_value, reason, operator, created_at ON cep_changes
WHEN OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a CEP change in a batch is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER cep_changes_sealed_membership BEFORE UPDATE OF batch_id ON cep_changes
WHEN NEW.batch_id IS NOT OLD.batch_id AND (
  (OLD.batch_id IS NOT NULL AND (SELECT state FROM batches WHERE id = OLD.batch_id) <> 'open')
  OR (NEW.batch_id IS NOT NULL AND (SELECT state FROM batches WHERE id = NEW.batch_id) <> 'open'))
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
--> statement-breakpoint
CREATE TRIGGER cep_changes_answered_status BEFORE UPDATE OF status ON cep_changes
WHEN (OLD.status IN ('synced', 'rejected', 'cancelled') AND NEW.status IS NOT OLD.status)
  OR (OLD.status = 'sent' AND NEW.status NOT IN ('sent', 'synced', 'rejected'))
  OR (NEW.status = 'cancelled' AND (OLD.status <> 'pending' OR OLD.batch_id IS NOT NULL))
BEGIN
  SELECT RAISE(ABORT, 'a CEP change that reached Implanta keeps its answer');
END;
--> statement-breakpoint
CREATE TRIGGER cep_changes_batched_no_delete BEFORE DELETE ON cep_changes
WHEN OLD.batch_id IS NOT NULL OR OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a CEP change in a batch is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER batch_schema_version_fixed BEFORE UPDATE OF schema_version ON batches
WHEN OLD.sealed_at IS NOT NULL AND NEW.schema_version IS NOT OLD.schema_version
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
