CREATE TABLE `audit_anchor` (
	`id` integer PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`last_hash` text NOT NULL,
	CONSTRAINT "audit_anchor_single_row" CHECK(id = 1)
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`operator` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`detail` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `cep_changes` (
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
	CONSTRAINT "cep_changes_status" CHECK(status IN ('pending', 'batched', 'sent', 'synced', 'rejected'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cep_changes_uuid_unique` ON `cep_changes` (`uuid`);--> statement-breakpoint
CREATE INDEX `cep_changes_cep_idx` ON `cep_changes` (`cep`);--> statement-breakpoint
CREATE INDEX `cep_changes_status_idx` ON `cep_changes` (`status`);--> statement-breakpoint
CREATE TABLE `cep_directory` (
	`cep` text PRIMARY KEY NOT NULL,
	`street` text NOT NULL,
	`district` text NOT NULL,
	`city` text NOT NULL,
	`uf` text NOT NULL,
	`operator` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "cep_directory_cep_digits" CHECK(length(cep) = 8 AND cep NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE TABLE `corrections` (
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
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "corrections_status" CHECK(status IN ('pending', 'batched', 'sent', 'synced', 'rejected')),
	CONSTRAINT "corrections_source" CHECK(source IN ('manual', 'import')),
	CONSTRAINT "corrections_dip_consequence" CHECK(dip_consequence IN ('none', 'correct_dip_request', 'new_card_required')),
	CONSTRAINT "corrections_evidence_arrival" CHECK(evidence_arrival IS NULL OR evidence_arrival IN ('in_person', 'post'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `corrections_uuid_unique` ON `corrections` (`uuid`);--> statement-breakpoint
CREATE INDEX `corrections_status_idx` ON `corrections` (`status`);--> statement-breakpoint
CREATE INDEX `corrections_professional_idx` ON `corrections` (`professional_id`);--> statement-breakpoint
CREATE INDEX `corrections_created_at_idx` ON `corrections` (`created_at`);--> statement-breakpoint
CREATE INDEX `corrections_field_idx` ON `corrections` (`field`);--> statement-breakpoint
CREATE TABLE `professionals` (
	`id` integer PRIMARY KEY NOT NULL,
	`registration_number` text NOT NULL,
	`cpf` text NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`social_name` text,
	`mother_name` text,
	`mother_not_listed` integer DEFAULT 0 NOT NULL,
	`father_name` text,
	`birth_date` text,
	`marital_status` text,
	`birth_city` text,
	`birth_uf` text,
	`nationality` text,
	`rg_number` text,
	`rg_issuer` text,
	`rg_uf` text,
	`email` text,
	`phone` text,
	`cep` text,
	`street` text,
	`number` text,
	`complement` text,
	`district` text,
	`city` text,
	`uf` text,
	`dip_status` text DEFAULT 'none' NOT NULL,
	`row_version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "professionals_cpf_digits" CHECK(length(cpf) = 11 AND cpf NOT GLOB '*[^0-9]*'),
	CONSTRAINT "professionals_mother_flag" CHECK(mother_not_listed IN (0, 1)),
	CONSTRAINT "professionals_mother_rule" CHECK(NOT (mother_not_listed = 1 AND mother_name IS NOT NULL)),
	CONSTRAINT "professionals_dip_status" CHECK(dip_status IN ('none', 'requested', 'confirmed', 'in_manufacture', 'issued'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `professionals_registration_number_unique` ON `professionals` (`registration_number`);--> statement-breakpoint
CREATE UNIQUE INDEX `professionals_cpf_unique` ON `professionals` (`cpf`);--> statement-breakpoint
CREATE INDEX `professionals_name_folded_idx` ON `professionals` (`name_folded`);--> statement-breakpoint
CREATE INDEX `professionals_id_name_idx` ON `professionals` (`id`,`name_folded`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`region` integer NOT NULL,
	`uf` text NOT NULL,
	`seccional` text,
	`operator` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "settings_single_row" CHECK(id = 1),
	CONSTRAINT "settings_region" CHECK(region BETWEEN 1 AND 27)
);
