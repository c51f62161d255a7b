ALTER TABLE `pendencies` ADD `case_letter` text DEFAULT 'G' NOT NULL;--> statement-breakpoint
ALTER TABLE `pendencies` ADD `suggestion` text;--> statement-breakpoint
CREATE INDEX `pendencies_case_idx` ON `pendencies` (`case_letter`);--> statement-breakpoint
CREATE INDEX `professionals_email_idx` ON `professionals` (`email`);--> statement-breakpoint
-- The rules found more since the last scan (cases, suggestions, e-mails shared, municípios): every record is checked again on the first open.
UPDATE `store_tasks` SET `done_at` = NULL WHERE `name` = 'pendencies_scan';