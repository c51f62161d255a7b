ALTER TABLE `settings` ADD `admin_failed_pins` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `settings` ADD `admin_locked_until` text;