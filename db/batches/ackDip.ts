// Implanta's answer may say where a professional's DIP stands (requested, confirmed, in
// manufacture, issued). Implanta is where the DIP is requested and made, so its word on the status
// is the desk's: the desk takes it when it is news — another status, dated no earlier than what
// Implanta said before (a registry load's status is the main system's undated copy, never newer),
// and, when only its import dates it, not from an answer to a lote older than the one whose answer
// set the status (a CSV has no date: an old lote's answer found late would always look newest) —
// and writes it the way every record change is written: the row version bumped, the pendências
// refreshed, one history entry. The caller owns the transaction.
import type { Database } from 'better-sqlite3';
import type { DipStatus } from '../../shared/domain';
import { refreshPendencies } from '../pendencies';
import { appendHistory } from '../recordHistory';
import { requireProfessional } from '../registry';
import { statement } from '../statements';
import { formatDateBr } from '../../shared/rules/dates';
import { DIP_PAPER_EARLIEST } from '../../shared/rules/dipPaper';
import { brasilia } from './clock';
import { dayInBrasilia as dayOf, normaliseDipDate } from './ackDates';
import type { ItemNamer } from './ackJsonErrors';
import type { AckAnswer, AckFile } from './ackRead';

export type DipOutcome = 'updated' | 'same' | 'stale';

function hasTime(date: string): boolean {
  return date.includes('T');
}

const shown = (date: string) => formatDateBr(dayOf(date));

/**
 * The answer's date as a refusal shows it: its day in Brasília, and as written when that is another
 * day (a zone far from Brasília's, a year before any time zone), so Implanta finds it in its file.
 */
function shownAnswered(written: string, answered: string): string {
  return dayOf(answered) === written.trim().slice(0, 10) ? shown(answered) : `${shown(answered)} ("${written.trim()}" no arquivo)`;
}

/** Where a DIP date is in the file: a sheet's line, or a JSON item named by its record as every refusal of an item names it. */
function dipDatePlace(ack: AckFile, answer: AckAnswer, nameOf: ItemNamer): string {
  if (ack.format !== 'json') return `${answer.sheet === undefined ? 'A' : `Na aba “${answer.sheet}”, a`} linha ${answer.line}, coluna data do DIP, traz`;
  return `Item ${answer.line} da resposta (${nameOf(answer.id) ?? `id ${answer.id}`}) traz`;
}

/**
 * A DIP date of the answer that has not come yet (later than tomorrow in Brasília, leaving room for
 * clocks and time zones), said where it is in the file; null when there is none. Taken, it would make
 * every true status Implanta reports until that day look older and be left aside.
 */
export function futureDipDate(ack: AckFile, now: Date, nameOf: ItemNamer): string | null {
  const tomorrow = brasilia(new Date(now.getTime() + 86_400_000)).date;
  if (ack.acknowledgedAt !== null) {
    const answered = normaliseDipDate(ack.acknowledgedAt);
    if (answered !== null && dayOf(answered) > tomorrow) return `A data da confirmação (acknowledgedAt) é ${shownAnswered(ack.acknowledgedAt, answered)}, que ainda não chegou`;
  }
  const late = ack.answers.find((a) => a.dipStatusDate !== null && dayOf(a.dipStatusDate) > tomorrow);
  if (!late) return null;
  return `${dipDatePlace(ack, late, nameOf)} a data do DIP ${shown(late.dipStatusDate as string)}, que ainda não chegou`;
}

/**
 * A date of the answer from before it could be (null when there is none), said where it is in the
 * file. The answer's acknowledgedAt cannot come before the lote's sealing: no package existed
 * before it (sealed_at is fixed; exported_at moves with every export, and sent_at is when the
 * clerk says it went). A DIP date may: it says since when the DIP stands so, and a DIP may have
 * gone to manufacture before the lote reached Implanta (the reason it answers "DIP não
 * corrigido"); the floor of the DIP's paper items catches a system's empty date (01/01/1900) or a
 * mistyped year. Both are compared by the day in Brasília.
 */
export function pastAckDate(ack: AckFile, lote: { number: string; sealedAt: string | null }, nameOf: ItemNamer): string | null {
  const answered = ack.acknowledgedAt === null ? null : normaliseDipDate(ack.acknowledgedAt);
  if (ack.acknowledgedAt !== null && answered !== null && lote.sealedAt !== null && dayOf(answered) < dayOf(lote.sealedAt)) {
    return `A data da confirmação (acknowledgedAt) é ${shownAnswered(ack.acknowledgedAt, answered)}, anterior ao envio do lote ${lote.number}, lacrado em ${shown(lote.sealedAt)}: a Implanta só recebe o pacote depois da lacração`;
  }
  const early = ack.answers.find((a) => a.dipStatusDate !== null && dayOf(a.dipStatusDate) < DIP_PAPER_EARLIEST);
  if (!early) return null;
  return `${dipDatePlace(ack, early, nameOf)} a data do DIP ${shown(early.dipStatusDate as string)}, anterior a ${formatDateBr(DIP_PAPER_EARLIEST)}: parece a data vazia de um sistema ou um ano digitado errado`;
}

/** `date` is older than `stored`: by the instant when both carry a time, else by the day. */
export function isOlderThan(date: string, stored: string): boolean {
  if (hasTime(date) && hasTime(stored)) return Date.parse(date) < Date.parse(stored);
  return dayOf(date) < dayOf(stored);
}

export interface DipNews {
  professionalId: number;
  status: DipStatus;
  /** `YYYY-MM-DD` or an ISO date-time. */
  date: string;
  batchId: number;
  /**
   * Whether Implanta dated the status (its own date, or the answer's acknowledgedAt); false when the
   * desk dated it by the import, which makes any answer look like the newest news.
   */
  dated: boolean;
  note: string;
  now: string;
  operator: string;
}

/** The lote whose answer wrote the record's DIP status; null when its latest change came from a registry load (or none). */
function reportingLote(db: Database, professionalId: number): number | null {
  const last = statement<{ kind: string; batchId: number | null }>(
    db,
    "SELECT kind, batch_id AS batchId FROM record_history WHERE professional_id = ? AND field = 'dipStatus' ORDER BY id DESC LIMIT 1",
  ).get(professionalId);
  // An entry naming no lote is older than every lote.
  return last?.kind === 'dip_update' ? (last.batchId ?? 0) : null;
}

/**
 * Whether the record's DIP status is the one Implanta last reported (its latest change of the
 * status came from an answer, not from a registry load).
 */
export function dipReportedByImplanta(db: Database, professionalId: number): boolean {
  return reportingLote(db, professionalId) !== null;
}

/**
 * Whether the news is stale: dated before what Implanta said last, or — dated only by its import —
 * an answer to a lote older than the one whose answer set the status. Only one lote is open at a
 * time, so lote ids run in the order they were sealed.
 */
function isStale(news: DipNews, storedAt: string | null, reportedBy: number | null): boolean {
  if (reportedBy === null) return false;
  if (storedAt !== null && isOlderThan(news.date, storedAt)) return true;
  return !news.dated && news.batchId < reportedBy;
}

/** Sets a professional's DIP status from Implanta's answer, unless it is the same or older news. */
export function applyDipStatus(db: Database, news: DipNews): DipOutcome {
  const row = statement<{ dip_status: DipStatus; dip_status_at: string | null }>(db, 'SELECT dip_status, dip_status_at FROM professionals WHERE id = ?').get(
    news.professionalId,
  );
  if (!row || row.dip_status === news.status) return 'same';
  if (isStale(news, row.dip_status_at, reportingLote(db, news.professionalId))) return 'stale';
  statement(db, 'UPDATE professionals SET dip_status = ?, dip_status_at = ?, row_version = row_version + 1, updated_at = ? WHERE id = ?').run(
    news.status,
    news.date,
    news.now,
    news.professionalId,
  );
  refreshPendencies(db, requireProfessional(db, news.professionalId));
  appendHistory(db, {
    professionalId: news.professionalId,
    at: news.now,
    operator: news.operator,
    kind: 'dip_update',
    field: 'dipStatus',
    oldValue: row.dip_status,
    newValue: news.status,
    batchId: news.batchId,
    note: news.note,
  });
  return 'updated';
}
