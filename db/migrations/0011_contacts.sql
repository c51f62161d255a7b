-- Atendimentos: the problems professionals bring to the council, forwarded to Implanta; their timeline,
-- attached files (bytes in the store, so backups carry them), links to corrections, and settings.
CREATE TABLE `contact_attachments` (
	`id` integer PRIMARY KEY NOT NULL,
	`contact_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`bytes` blob NOT NULL,
	`operator` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contact_attachments_type" CHECK(type IN ('image/png', 'image/jpeg', 'application/pdf')),
	CONSTRAINT "contact_attachments_size" CHECK(size = length(bytes) AND size <= 10485760)
);
--> statement-breakpoint
CREATE INDEX `contact_attachments_contact_idx` ON `contact_attachments` (`contact_id`);--> statement-breakpoint
CREATE TABLE `contact_corrections` (
	`contact_id` integer NOT NULL,
	`correction_id` integer NOT NULL,
	`linked_at` text NOT NULL,
	`operator` text NOT NULL,
	PRIMARY KEY(`contact_id`, `correction_id`),
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`correction_id`) REFERENCES `corrections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_corrections_correction_idx` ON `contact_corrections` (`correction_id`);--> statement-breakpoint
CREATE TABLE `contact_events` (
	`id` integer PRIMARY KEY NOT NULL,
	`contact_id` integer NOT NULL,
	`at` text NOT NULL,
	`operator` text NOT NULL,
	`kind` text NOT NULL,
	`text` text,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contact_events_kind" CHECK(kind IN ('created', 'located', 'identity_checked', 'attached', 'forwarded', 'waiting_professional', 'reopened', 'answered', 'message_sent', 'correction_linked', 'resolved'))
);
--> statement-breakpoint
CREATE INDEX `contact_events_contact_idx` ON `contact_events` (`contact_id`,`id`);--> statement-breakpoint
CREATE TABLE `contact_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`implanta_email` text,
	`overdue_days` integer DEFAULT 3 NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "contact_settings_single_row" CHECK(id = 1),
	CONSTRAINT "contact_settings_overdue_days" CHECK(overdue_days BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY NOT NULL,
	`protocol` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`professional_id` integer,
	`told_cpf` text,
	`told_name` text,
	`channel` text NOT NULL,
	`case` text NOT NULL,
	`summary` text NOT NULL,
	`notes` text,
	`status` text DEFAULT 'open' NOT NULL,
	`operator` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`forwarded_at` text,
	`answered_at` text,
	`resolution` text,
	`resolved_at` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contacts_status" CHECK(status IN ('open', 'forwarded', 'waiting_professional', 'resolved')),
	CONSTRAINT "contacts_channel" CHECK(channel IN ('email', 'phone', 'in_person', 'post')),
	CONSTRAINT "contacts_case" CHECK("case" IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'other')),
	CONSTRAINT "contacts_resolution" CHECK(status <> 'resolved' OR (resolution IS NOT NULL AND length(trim(resolution)) > 0))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_protocol_unique` ON `contacts` (`protocol`);--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_year_seq_idx` ON `contacts` (`year`,`seq`);--> statement-breakpoint
CREATE INDEX `contacts_status_idx` ON `contacts` (`status`,`forwarded_at`);--> statement-breakpoint
CREATE INDEX `contacts_professional_idx` ON `contacts` (`professional_id`);--> statement-breakpoint
CREATE INDEX `contacts_created_at_idx` ON `contacts` (`created_at`);