CREATE TABLE `import_errors` (
	`id` integer PRIMARY KEY NOT NULL,
	`import_id` integer NOT NULL,
	`row` integer NOT NULL,
	`column` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`raw_row` text,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_errors_import_idx` ON `import_errors` (`import_id`,`row`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`headers` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`sheet` text NOT NULL,
	`format` text NOT NULL,
	`headers` text NOT NULL,
	`mapping` text NOT NULL,
	`operator` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`rows` integer NOT NULL,
	`accepted` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`rejected` integer NOT NULL,
	`all_or_nothing` integer DEFAULT 0 NOT NULL,
	`forced` integer DEFAULT 0 NOT NULL,
	`state` text DEFAULT 'done' NOT NULL,
	`undone_at` text,
	CONSTRAINT "imports_kind" CHECK(kind IN ('corrections', 'registry', 'cep')),
	CONSTRAINT "imports_state" CHECK(state IN ('done', 'undone')),
	CONSTRAINT "imports_counts" CHECK(rows = accepted + unchanged + rejected)
);
--> statement-breakpoint
CREATE INDEX `imports_sha256_idx` ON `imports` (`sha256`,`kind`);--> statement-breakpoint
ALTER TABLE `cep_changes` ADD `import_id` integer;--> statement-breakpoint
CREATE INDEX `cep_changes_import_idx` ON `cep_changes` (`import_id`);--> statement-breakpoint
ALTER TABLE `corrections` ADD `import_row_version` integer;--> statement-breakpoint
CREATE INDEX `corrections_import_idx` ON `corrections` (`import_id`);