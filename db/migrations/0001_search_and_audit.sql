-- Name search: an FTS5 index over professionals.name_folded (external content: the text lives
-- only in professionals), kept in step by triggers.
CREATE VIRTUAL TABLE `professionals_fts` USING fts5(
	name_folded,
	content='professionals',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `professionals_fts`(`professionals_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `professionals_fts_after_insert` AFTER INSERT ON `professionals` BEGIN
	INSERT INTO `professionals_fts`(rowid, name_folded) VALUES (new.id, new.name_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `professionals_fts_after_delete` AFTER DELETE ON `professionals` BEGIN
	INSERT INTO `professionals_fts`(`professionals_fts`, rowid, name_folded) VALUES ('delete', old.id, old.name_folded);
END;
--> statement-breakpoint
CREATE TRIGGER `professionals_fts_after_update` AFTER UPDATE OF name_folded ON `professionals` BEGIN
	INSERT INTO `professionals_fts`(`professionals_fts`, rowid, name_folded) VALUES ('delete', old.id, old.name_folded);
	INSERT INTO `professionals_fts`(rowid, name_folded) VALUES (new.id, new.name_folded);
END;
--> statement-breakpoint
-- The audit trail is append-only: the store itself refuses to change or remove an entry.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;
--> statement-breakpoint
-- The anchor starts empty: no entries, the chain's genesis hash.
INSERT INTO `audit_anchor` (`id`, `count`, `last_hash`) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
