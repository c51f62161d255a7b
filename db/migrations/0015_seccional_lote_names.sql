-- The seccional's mark in a lote's package name, fixed when the lote is sealed, so two desks of one
-- CRESS (the head office and a seccional) never name their lotes alike in Implanta's inbox. Lotes
-- sealed before keep no mark and export under the name they always had.
ALTER TABLE `batches` ADD `seccional_tag` text;--> statement-breakpoint
CREATE TRIGGER batches_seccional_tag_fixed BEFORE UPDATE OF seccional_tag ON batches
WHEN OLD.sealed_at IS NOT NULL AND NEW.seccional_tag IS NOT OLD.seccional_tag
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
