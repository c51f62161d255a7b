// The DIP's paper side as the store keeps it (dip_paper_items): what arrived for a professional,
// recording an arrival and undoing one, each write with its audit entry in one transaction. The
// audit entry names the item, the day and the way — never a person's data. An arrival is taken only
// for a DIP whose request can use it, on a day from 2000 to today; an undo is always possible.
import type { Database } from 'better-sqlite3';
import type { DipPaper, DipPaperEntry } from '../../shared/contract/dip';
import { DIP_PAPER_ITEMS, type DipPaperItem, type DipPaperWay, type DipStatus, type Professional } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatDateBr, parseDateBr, todayIso } from '../../shared/rules/dates';
import { DIP_PAPER_EARLIEST, DIP_PAPER_ITEM_LABELS, paperComplete, takesPaper } from '../../shared/rules/dipPaper';
import { DIP_LABELS } from '../../shared/rules/vocabulary';
import { appendAudit } from '../audit';
import { requireProfessional } from '../registry';
import { requireSettings } from '../settings';
import { writeTransaction } from '../storeLock';

interface ItemRow {
  item: DipPaperItem;
  arrived_on: string;
  way: DipPaperWay;
  operator: string;
  recorded_at: string;
}

export const DIP_PAPER_MESSAGES = {
  future: 'A data de chegada não pode ser depois de hoje.',
  tooOld: `A data de chegada não pode ser antes de ${formatDateBr(DIP_PAPER_EARLIEST)}: confira o ano.`,
  /** The DIP does not take paper: the record and its status in words, and that nothing was written. */
  notTaken: (p: Pick<Professional, 'name' | 'registrationNumber'>, status: DipStatus) =>
    `${p.name} (registro ${p.registrationNumber}): o DIP está “${DIP_LABELS[status]}” — ${
      status === 'none' ? 'não há solicitação de DIP à espera de documentos' : 'a solicitação não espera mais documentos'
    }. A chegada não foi registrada.`,
  already: (item: DipPaperItem, date: string) => `${DIP_PAPER_ITEM_LABELS[item]} já tem chegada registrada em ${date}. Desfaça o registro antes de registrar de novo.`,
  notArrived: (p: Pick<Professional, 'name' | 'registrationNumber'>, item: DipPaperItem) =>
    `${p.name} (registro ${p.registrationNumber}): ${DIP_PAPER_ITEM_LABELS[item]} não tem chegada registrada. Nada foi desfeito.`,
};

/** The three items of a professional's paper side and whether it is complete. */
export function dipPaperOf(db: Database, professionalId: number): DipPaper {
  const professional = requireProfessional(db, professionalId);
  const rows = db
    .prepare('SELECT item, arrived_on, way, operator, recorded_at FROM dip_paper_items WHERE professional_id = ? AND undone_at IS NULL')
    .all(professionalId) as ItemRow[];
  const byItem = new Map(rows.map((r) => [r.item, r]));
  const items: DipPaperEntry[] = DIP_PAPER_ITEMS.map((item) => {
    const row = byItem.get(item);
    return { item, arrival: row ? { arrivedOn: row.arrived_on, way: row.way, operator: row.operator, recordedAt: row.recorded_at } : null };
  });
  const missing = items.filter((i) => i.arrival === null).map((i) => i.item);
  return { professionalId, dipStatus: professional.dipStatus, items, missing, complete: paperComplete(professional.dipStatus, missing) };
}

function standing(db: Database, professionalId: number, item: DipPaperItem): { id: number; arrived_on: string } | undefined {
  return db.prepare('SELECT id, arrived_on FROM dip_paper_items WHERE professional_id = ? AND item = ? AND undone_at IS NULL').get(professionalId, item) as
    | { id: number; arrived_on: string }
    | undefined;
}

function brDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export interface ArrivalInput {
  professionalId: number;
  item: DipPaperItem;
  arrivedOn: string;
  way: DipPaperWay;
}

/**
 * Records that an item arrived: a day from DIP_PAPER_EARLIEST to today, for a DIP that takes paper
 * (takesPaper: requested, awaiting documents, confirmed), once per item until undone.
 */
export function recordArrival(db: Database, input: ArrivalInput, now: Date): DipPaper {
  const parsed = parseDateBr(input.arrivedOn);
  if (!parsed.ok) throw new AppError(parsed.code, parsed.message, { field: 'arrivedOn' });
  if (parsed.value > todayIso(now)) throw new AppError('DATE_INVALID', DIP_PAPER_MESSAGES.future, { field: 'arrivedOn' });
  if (parsed.value < DIP_PAPER_EARLIEST) throw new AppError('DATE_INVALID', DIP_PAPER_MESSAGES.tooOld, { field: 'arrivedOn' });
  const at = now.toISOString();
  return writeTransaction(db, () => {
    const professional = requireProfessional(db, input.professionalId);
    if (!takesPaper(professional.dipStatus)) throw new AppError('DIP_PAPER_STATE', DIP_PAPER_MESSAGES.notTaken(professional, professional.dipStatus));
    const { operator } = requireSettings(db);
    const current = standing(db, input.professionalId, input.item);
    if (current) throw new AppError('DIP_PAPER_STATE', DIP_PAPER_MESSAGES.already(input.item, brDate(current.arrived_on)), { field: 'item' });
    db.prepare('INSERT INTO dip_paper_items (professional_id, item, arrived_on, way, operator, recorded_at) VALUES (?, ?, ?, ?, ?, ?)').run(
      input.professionalId,
      input.item,
      parsed.value,
      input.way,
      operator,
      at,
    );
    appendAudit(db, {
      at,
      operator,
      action: 'dip.paper_arrived',
      entity: 'professional',
      entityId: String(input.professionalId),
      detail: { item: input.item, arrivedOn: parsed.value, way: input.way },
    });
    return dipPaperOf(db, input.professionalId);
  });
}

/**
 * Undoes an item's arrival recorded by mistake: the row stays, marked undone (a sealed lote may name
 * it). Whatever the DIP's status now — a mistake recorded while the request waited must stay
 * correctable after Implanta moved the DIP on (a lote sealed before keeps what it carried).
 */
export function undoArrival(db: Database, input: { professionalId: number; item: DipPaperItem }, now: Date): DipPaper {
  const at = now.toISOString();
  return writeTransaction(db, () => {
    const professional = requireProfessional(db, input.professionalId);
    const { operator } = requireSettings(db);
    const current = standing(db, input.professionalId, input.item);
    if (!current) throw new AppError('DIP_PAPER_STATE', DIP_PAPER_MESSAGES.notArrived(professional, input.item), { field: 'item' });
    db.prepare('UPDATE dip_paper_items SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, operator, current.id);
    appendAudit(db, {
      at,
      operator,
      action: 'dip.paper_undone',
      entity: 'professional',
      entityId: String(input.professionalId),
      detail: { item: input.item, arrivedOn: current.arrived_on },
    });
    return dipPaperOf(db, input.professionalId);
  });
}
