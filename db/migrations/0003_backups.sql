CREATE TABLE `backup_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`folder` text,
	`keep_last` integer DEFAULT 30 NOT NULL,
	`interval_hours` integer DEFAULT 24 NOT NULL,
	`on_close` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "backup_settings_single_row" CHECK(id = 1),
	CONSTRAINT "backup_settings_keep_last" CHECK(keep_last BETWEEN 1 AND 1000),
	CONSTRAINT "backup_settings_interval" CHECK(interval_hours BETWEEN 1 AND 720)
);
--> statement-breakpoint
CREATE TABLE `backups` (
	`id` integer PRIMARY KEY NOT NULL,
	`folder` text NOT NULL,
	`file_name` text NOT NULL,
	`created_at` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`encrypted` integer DEFAULT 0 NOT NULL,
	`region` integer NOT NULL,
	`schema_version` integer NOT NULL,
	`counts` text NOT NULL,
	`trigger` text NOT NULL,
	`operator` text,
	`verified_at` text,
	`verify_ok` integer,
	`pinned` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "backups_trigger" CHECK(trigger IN ('manual', 'auto', 'close', 'cli', 'found'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `backups_folder_file_idx` ON `backups` (`folder`,`file_name`);--> statement-breakpoint
CREATE INDEX `backups_created_at_idx` ON `backups` (`created_at`);