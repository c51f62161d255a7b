CREATE TABLE `batch_professionals` (
	`batch_id` integer NOT NULL,
	`professional_id` integer NOT NULL,
	`cpf` text NOT NULL,
	`registration_number` text NOT NULL,
	`name` text NOT NULL,
	PRIMARY KEY(`batch_id`, `professional_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY NOT NULL,
	`uuid` text NOT NULL,
	`region` integer NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`operator` text NOT NULL,
	`created_at` text NOT NULL,
	`sealed_at` text,
	`app_version` text,
	`exported_at` text,
	`sent_at` text,
	`overdue_hours` integer DEFAULT 24 NOT NULL,
	`acknowledged_at` text,
	`cancelled_at` text,
	`package_sha256` text,
	`package_file_name` text,
	`encrypted_sha256` text,
	CONSTRAINT "batches_state" CHECK(state IN ('open', 'sealed', 'exported', 'sent', 'acknowledged', 'cancelled')),
	CONSTRAINT "batches_overdue_hours" CHECK(overdue_hours BETWEEN 1 AND 8760)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batches_uuid_unique` ON `batches` (`uuid`);--> statement-breakpoint
CREATE UNIQUE INDEX `batches_region_year_seq_idx` ON `batches` (`region`,`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `batches_region_number_idx` ON `batches` (`region`,`number`);--> statement-breakpoint
CREATE INDEX `batches_state_idx` ON `batches` (`state`);--> statement-breakpoint
CREATE INDEX `cep_changes_batch_idx` ON `cep_changes` (`batch_id`);--> statement-breakpoint
CREATE INDEX `corrections_batch_idx` ON `corrections` (`batch_id`,`status`);--> statement-breakpoint
CREATE INDEX `corrections_status_changed_idx` ON `corrections` (`status`,`status_changed_at`);