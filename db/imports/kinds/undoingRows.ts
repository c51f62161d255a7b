// A corrections file drawn from the main system before the desk's own corrections reached it (they
// wait here, or are at Implanta, about 24 h) still holds the values those corrections replaced. Its
// row would queue the old value again, silently undoing a correction made against a document. Such
// a row is refused, naming the correction it would undo: the clerk cancels that correction if it
// was wrong, or clears the file's cell. The old value in capitals without accents (as many main
// systems keep names and places) is the same old value. A correction Implanta already answered is
// left alone: the main system may well have changed the field again since.
import type { Database, Statement } from 'better-sqlite3';
import { fieldLabel } from '../../../shared/fields';
import { formatFieldValue } from '../../../shared/display/values';
import { formatDateBr } from '../../../shared/rules/dates';
import { correctionFieldOf, type QueueItem } from '../../../shared/rules/motherFact';
import { sameBarSpelling } from '../../../shared/rules/spelling';
import { OPEN_STATUSES } from '../../corrections';

/** The statuses of a correction still on its way to Implanta, as SQL. */
const IN_FLIGHT = `(${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`;

interface InFlight {
  field: string;
  old_value: string | null;
  new_value: string | null;
  created_at: string;
  status: 'pending' | 'batched' | 'sent';
  batch: string | null;
}

/** A queue item that would undo a correction still on its way, and why (pt-BR). */
export interface UndoingItem {
  field: string;
  message: string;
}

export class InFlightCorrections {
  /** Records with a correction on its way when the import began: few, and only they are looked up. */
  private readonly records: ReadonlySet<number>;
  private readonly ofRecord: Statement;

  constructor(db: Database) {
    this.records = new Set(db.prepare(`SELECT DISTINCT professional_id FROM corrections WHERE status IN ${IN_FLIGHT}`).pluck().all() as number[]);
    this.ofRecord = db.prepare(
      `SELECT c.field, c.old_value, c.new_value, c.created_at, c.status, b.number AS batch
       FROM corrections c LEFT JOIN batches b ON b.id = c.batch_id
       WHERE c.professional_id = ? AND c.status IN ${IN_FLIGHT} ORDER BY c.id DESC`,
    );
  }

  /** The items that give a field back the value its latest correction on its way replaced. */
  undoneBy(professionalId: number, items: readonly QueueItem[]): UndoingItem[] {
    if (!this.records.has(professionalId)) return [];
    const inFlight = this.ofRecord.all(professionalId) as InFlight[];
    const undoing: UndoingItem[] = [];
    for (const item of items) {
      const latest = inFlight.find((c) => c.field === item.field);
      // In capitals without accents, as many main systems keep names and places, it is the same old value.
      if (latest && latest.new_value === item.oldValue && sameBarSpelling(item.field, latest.old_value, item.newValue)) undoing.push({ field: item.field, message: messageOf(latest) });
    }
    return undoing;
  }
}

function messageOf(c: InFlight): string {
  const value = (text: string | null) => formatFieldValue(c.field, text, 'vazio');
  const where = c.status === 'sent' ? `enviada à Implanta no lote ${c.batch ?? ''}`.trimEnd() : c.status === 'batched' ? `no lote ${c.batch ?? ''}`.trimEnd() : 'pendente';
  const remedy = c.status === 'sent' ? 'espere a resposta da Implanta e corrija de novo' : 'cancele-a em Correções';
  return (
    `Esta linha devolveria “${fieldLabel(correctionFieldOf(c.field))}” a ${value(c.old_value)}, o valor que a correção de ${formatDateBr(c.created_at)} (${where}) trocou por ${value(c.new_value)}: ` +
    `o arquivo parece anterior a essa correção. Se ela estava errada, ${remedy}; se não, apague esta célula e importe de novo.`
  );
}
