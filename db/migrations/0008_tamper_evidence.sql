CREATE TABLE `correction_seals` (
	`id` integer PRIMARY KEY NOT NULL,
	`seal` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `professional_seals` (
	`id` integer PRIMARY KEY NOT NULL,
	`seal` blob NOT NULL
);
--> statement-breakpoint
ALTER TABLE `audit_anchor` ADD `key_id` text;--> statement-breakpoint
ALTER TABLE `audit_anchor` ADD `last_mac` text;--> statement-breakpoint
ALTER TABLE `audit_anchor` ADD `professionals_digest` text;--> statement-breakpoint
ALTER TABLE `audit_anchor` ADD `corrections_digest` text;--> statement-breakpoint
ALTER TABLE `audit_anchor` ADD `mac` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `mac` text;--> statement-breakpoint
-- Rows of professionals (kind 0) and corrections (kind 1) written since their last seal: the audit
-- entry that closes each write transaction seals them again (db/auditSeals.ts) and empties this.
CREATE TABLE `audit_unsealed` (
	`kind` integer NOT NULL,
	`id` integer NOT NULL,
	PRIMARY KEY (`kind`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER professionals_unsealed_insert AFTER INSERT ON professionals
BEGIN
  INSERT OR IGNORE INTO audit_unsealed (kind, id) VALUES (0, NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER professionals_unsealed_update AFTER UPDATE ON professionals
BEGIN
  INSERT OR IGNORE INTO audit_unsealed (kind, id) VALUES (0, OLD.id), (0, NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER professionals_unsealed_delete AFTER DELETE ON professionals
BEGIN
  INSERT OR IGNORE INTO audit_unsealed (kind, id) VALUES (0, OLD.id);
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
