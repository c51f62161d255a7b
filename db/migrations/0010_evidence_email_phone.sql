-- Evidence may also arrive by e-mail or be told over the phone. SQLite cannot widen a CHECK, so the
-- corrections table is rebuilt: every row copied with its id and values as they were, columns in the
-- same order (the row seals of migration 0008 cover those values: they stay sound, and no row is
-- queued to be sealed again, since the copy goes into a table without triggers).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
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
	CONSTRAINT "corrections_evidence_arrival" CHECK(evidence_arrival IS NULL OR evidence_arrival IN ('in_person', 'post', 'email', 'phone'))
);
--> statement-breakpoint
INSERT INTO `__new_corrections`("id", "uuid", "professional_id", "field", "old_value", "new_value", "reason", "evidence_kind", "evidence_arrival", "evidence_date", "evidence_note", "operator", "created_at", "status", "status_message", "status_changed_at", "source", "dip_consequence", "batch_id", "import_id", "import_row_version", "dip_request_corrected", "resolved_at", "resolution", "resolution_note") SELECT "id", "uuid", "professional_id", "field", "old_value", "new_value", "reason", "evidence_kind", "evidence_arrival", "evidence_date", "evidence_note", "operator", "created_at", "status", "status_message", "status_changed_at", "source", "dip_consequence", "batch_id", "import_id", "import_row_version", "dip_request_corrected", "resolved_at", "resolution", "resolution_note" FROM `corrections`;--> statement-breakpoint
DROP TABLE `corrections`;--> statement-breakpoint
ALTER TABLE `__new_corrections` RENAME TO `corrections`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
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
-- Dropping the old table dropped its triggers; here they are again, each exactly as its migration
-- made it (0007 for the guards, 0008 for the seal queue), so the check on open finds them as made.
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
CREATE TRIGGER corrections_unsealed_insert AFTER INSERT ON corrections
BEGIN
  INSERT OR IGNORE INTO audit_unsealed (kind, id) VALUES (1, NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER corrections_unsealed_update AFTER UPDATE ON corrections
BEGIN
  INSERT OR IGNORE INTO audit_unsealed (kind, id) VALUES (1, OLD.id), (1, NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER corrections_unsealed_delete AFTER DELETE ON corrections
BEGIN
  INSERT OR IGNORE INTO audit_unsealed (kind, id) VALUES (1, OLD.id);
END;
