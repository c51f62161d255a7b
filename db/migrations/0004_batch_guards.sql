-- Guards of batches for Implanta, in the store itself: a sealed batch never changes (its items,
-- its identity, who it is about), and a correction that reached Implanta is never edited, moved
-- or deleted. Each operation of the app already respects this; the triggers make it a property of
-- the file, whatever writes to it.
CREATE TRIGGER batches_no_delete BEFORE DELETE ON batches
BEGIN
  SELECT RAISE(ABORT, 'batches are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER batches_sealed_fixed BEFORE UPDATE ON batches
WHEN OLD.sealed_at IS NOT NULL AND (
  NEW.uuid IS NOT OLD.uuid OR NEW.region IS NOT OLD.region OR NEW.year IS NOT OLD.year OR NEW.seq IS NOT OLD.seq
  OR NEW.number IS NOT OLD.number OR NEW.operator IS NOT OLD.operator OR NEW.created_at IS NOT OLD.created_at
  OR NEW.sealed_at IS NOT OLD.sealed_at OR NEW.app_version IS NOT OLD.app_version
  OR NEW.state IN ('open', 'cancelled'))
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
--> statement-breakpoint
CREATE TRIGGER batch_professionals_no_update BEFORE UPDATE ON batch_professionals
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
--> statement-breakpoint
CREATE TRIGGER batch_professionals_no_delete BEFORE DELETE ON batch_professionals
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
--> statement-breakpoint
CREATE TRIGGER corrections_content_fixed BEFORE UPDATE OF uuid, professional_id, field, old_value, new_value, reason,
  evidence_kind, evidence_arrival, evidence_date, evidence_note, operator, created_at, source, dip_consequence ON corrections
WHEN OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a correction in a batch is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER corrections_sealed_membership BEFORE UPDATE OF batch_id ON corrections
WHEN NEW.batch_id IS NOT OLD.batch_id AND (
  (OLD.batch_id IS NOT NULL AND (SELECT state FROM batches WHERE id = OLD.batch_id) <> 'open')
  OR (NEW.batch_id IS NOT NULL AND (SELECT state FROM batches WHERE id = NEW.batch_id) <> 'open'))
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
--> statement-breakpoint
CREATE TRIGGER corrections_answered_status BEFORE UPDATE OF status ON corrections
WHEN (OLD.status IN ('synced', 'rejected') AND NEW.status IS NOT OLD.status)
  OR (OLD.status = 'sent' AND NEW.status NOT IN ('sent', 'synced', 'rejected'))
BEGIN
  SELECT RAISE(ABORT, 'a correction that reached Implanta keeps its answer');
END;
--> statement-breakpoint
CREATE TRIGGER corrections_batched_no_delete BEFORE DELETE ON corrections
WHEN OLD.batch_id IS NOT NULL OR OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a correction in a batch is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER cep_changes_content_fixed BEFORE UPDATE OF uuid, cep, old_value, new_value, reason, operator, created_at ON cep_changes
WHEN OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a CEP change in a batch is never edited');
END;
--> statement-breakpoint
CREATE TRIGGER cep_changes_sealed_membership BEFORE UPDATE OF batch_id ON cep_changes
WHEN NEW.batch_id IS NOT OLD.batch_id AND (
  (OLD.batch_id IS NOT NULL AND (SELECT state FROM batches WHERE id = OLD.batch_id) <> 'open')
  OR (NEW.batch_id IS NOT NULL AND (SELECT state FROM batches WHERE id = NEW.batch_id) <> 'open'))
BEGIN
  SELECT RAISE(ABORT, 'a sealed batch never changes');
END;
--> statement-breakpoint
CREATE TRIGGER cep_changes_answered_status BEFORE UPDATE OF status ON cep_changes
WHEN (OLD.status IN ('synced', 'rejected') AND NEW.status IS NOT OLD.status)
  OR (OLD.status = 'sent' AND NEW.status NOT IN ('sent', 'synced', 'rejected'))
BEGIN
  SELECT RAISE(ABORT, 'a CEP change that reached Implanta keeps its answer');
END;
--> statement-breakpoint
CREATE TRIGGER cep_changes_batched_no_delete BEFORE DELETE ON cep_changes
WHEN OLD.batch_id IS NOT NULL OR OLD.status <> 'pending'
BEGIN
  SELECT RAISE(ABORT, 'a CEP change in a batch is never deleted');
END;
