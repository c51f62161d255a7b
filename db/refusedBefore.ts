// A correction that sends Implanta again the very value it refused for the same record and field
// (a rejection nobody dealt with yet) is not refused: the reason may have been settled with
// Implanta meanwhile. But the clerk is told before it goes, with Implanta's own message — on the
// form's review, in an import's check (a warning on the row) and on the command line — so that a
// spreadsheet imported again, or a value typed again, does not resend by mistake what Implanta
// will refuse again. Saving it still answers the rejection, as any new correction of the field does.
import type { Database } from 'better-sqlite3';
import { fieldLabel } from '../shared/fields';
import { correctionFieldOf } from '../shared/rules/motherFact';
import { statement } from './statements';

/** A value of a correction about to be made that Implanta refused before, in words. */
export interface RefusedBefore {
  field: string;
  message: string;
}

interface Rejection {
  professional_id: number;
  field: string;
  new_value: string | null;
  status_message: string | null;
  batch: string | null;
}

const REJECTIONS = `SELECT c.professional_id, c.field, c.new_value, c.status_message, b.number AS batch
  FROM corrections c LEFT JOIN batches b ON b.id = c.batch_id
  WHERE c.status = 'rejected' AND c.resolved_at IS NULL`;

/**
 * “A Implanta já recusou {what} no lote …: “message” {goes} de novo para a Implanta: confira antes…”.
 * Implanta's message keeps its own full stop, inside the quotes: no second one after them.
 */
export function refusedAgainText(what: string, goes: string, batch: string | null, implantaMessage: string | null): string {
  const where = batch ? ` no lote ${batch}` : '';
  const message = implantaMessage?.trim();
  const why = message ? `: “${message}”${/[.!?]$/.test(message) ? '' : '.'}` : '.';
  return `A Implanta já recusou ${what}${where}${why} ${goes} de novo para a Implanta: confira antes se o motivo da recusa foi resolvido.`;
}

function messageOf(rejection: Rejection): string {
  return refusedAgainText(`este mesmo valor de “${fieldLabel(correctionFieldOf(rejection.field))}”`, 'A correção vai', rejection.batch, rejection.status_message);
}

function refusedAmong(rejections: readonly Rejection[], items: readonly { field: string; newValue: string | null }[]): RefusedBefore[] {
  const found: RefusedBefore[] = [];
  for (const item of items) {
    const rejection = rejections.find((r) => correctionFieldOf(r.field) === item.field && r.new_value === item.newValue);
    if (rejection) found.push({ field: item.field, message: messageOf(rejection) });
  }
  return found;
}

/** The items (correction fields and their new values, as the queue stores them) whose value Implanta refused for this record. */
export function refusedBefore(db: Database, professionalId: number, items: readonly { field: string; newValue: string | null }[]): RefusedBefore[] {
  const rejections = statement<Rejection>(db, `${REJECTIONS} AND c.professional_id = ?`).all(professionalId);
  return rejections.length === 0 ? [] : refusedAmong(rejections, items);
}

/** The same for the rows of an import: the rejections not dealt with are few, read once. */
export class RefusedValues {
  private readonly byRecord = new Map<number, Rejection[]>();

  constructor(db: Database) {
    for (const rejection of db.prepare(REJECTIONS).all() as Rejection[]) {
      this.byRecord.set(rejection.professional_id, [...(this.byRecord.get(rejection.professional_id) ?? []), rejection]);
    }
  }

  of(professionalId: number, items: readonly { field: string; newValue: string | null }[]): RefusedBefore[] {
    const rejections = this.byRecord.get(professionalId);
    return rejections ? refusedAmong(rejections, items) : [];
  }
}
