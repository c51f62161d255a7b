-- The DIP's paper side. Two new DIP statuses, awaiting_documents and delivered, widen the CHECK
-- of professionals. Every stored row satisfies the wider CHECK, so instead of rebuilding the
-- sealed 250 000-row table (its triggers, indexes, full-text index and the foreign keys of five
-- tables point at it) the CHECK's text is rewritten in sqlite_schema, SQLite's documented way for a
-- change that leaves every row valid: no row is copied, touched or queued to be sealed again, and
-- every trigger stays as its migration made it. db/migrate.ts lifts SQLite's defensive mode for
-- this migration only and rolls it back if the new text is not in place afterwards. The schema is
-- reloaded before the new table is created, which also bumps the schema cookie for every other
-- connection.
PRAGMA writable_schema=ON;--> statement-breakpoint
UPDATE sqlite_schema SET sql = replace(sql, 'CHECK(dip_status IN (''none'', ''requested'', ''confirmed'', ''in_manufacture'', ''issued''))', 'CHECK(dip_status IN (''none'', ''requested'', ''awaiting_documents'', ''confirmed'', ''in_manufacture'', ''issued'', ''delivered''))') WHERE type = 'table' AND name = 'professionals';--> statement-breakpoint
PRAGMA writable_schema=RESET;--> statement-breakpoint
CREATE TABLE `dip_paper_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`professional_id` integer NOT NULL,
	`item` text NOT NULL,
	`arrived_on` text NOT NULL,
	`way` text NOT NULL,
	`operator` text NOT NULL,
	`recorded_at` text NOT NULL,
	`undone_at` text,
	`undone_by` text,
	FOREIGN KEY (`professional_id`) REFERENCES `professionals`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dip_paper_items_item" CHECK(item IN ('form', 'photo', 'payment_receipt')),
	CONSTRAINT "dip_paper_items_way" CHECK(way IN ('post', 'in_person'))
);
--> statement-breakpoint
CREATE INDEX `dip_paper_items_professional_idx` ON `dip_paper_items` (`professional_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `dip_paper_items_standing_idx` ON `dip_paper_items` (`professional_id`,`item`) WHERE undone_at IS NULL;--> statement-breakpoint
