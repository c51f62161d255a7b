-- Operators: who works at the desk, each with a PIN kept as a slow hash; the council's admin PIN;
-- the computer's account on each audit entry. The desk's operator of an older store becomes the
-- first operator, with no PIN yet: the first to choose it sets one.
CREATE TABLE `operators` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`pin_hash` text,
	`created_at` text NOT NULL,
	`disabled_at` text,
	`failed_pins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	CONSTRAINT "operators_name_length" CHECK(length(name) BETWEEN 2 AND 80)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_name_unique` ON `operators` (`name`);--> statement-breakpoint
ALTER TABLE `settings` ADD `admin_pin_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `account` text;--> statement-breakpoint
INSERT INTO `operators` (`name`, `created_at`) SELECT `operator`, `created_at` FROM `settings` WHERE `id` = 1 AND length(`operator`) BETWEEN 2 AND 80;
