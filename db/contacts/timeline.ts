// What an atendimento's linked corrections went through after the link, for its timeline: the lote
// they joined, the lote leaving for Implanta, and Implanta's answer to each. Read from the
// corrections and lotes as they are now (never stored twice), with negative ids apart from events.
import type { Database } from 'better-sqlite3';
import type { ContactEvent } from '../../shared/contract/contacts';
import { fieldLabel } from '../../shared/fields';

interface Row {
  id: number;
  field: string;
  status: string;
  statusMessage: string | null;
  changedAt: string | null;
  batchId: number | null;
  number: string | null;
  createdAt: string | null;
  sentAt: string | null;
  batchOperator: string | null;
}

/** Several fields as one phrase: "E-mail", "E-mail e CEP". */
function fields(rows: Row[]): string {
  const labels = [...new Set(rows.map((r) => fieldLabel(r.field)))];
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} e ${labels.at(-1) ?? ''}`;
}

export function derivedEventsOf(db: Database, contactId: number): ContactEvent[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.field, r.status, r.status_message AS statusMessage, r.status_changed_at AS changedAt, r.batch_id AS batchId,
              b.number, b.created_at AS createdAt, b.sent_at AS sentAt, b.operator AS batchOperator
       FROM contact_corrections l JOIN corrections r ON r.id = l.correction_id LEFT JOIN batches b ON b.id = r.batch_id
       WHERE l.contact_id = ? ORDER BY r.id`,
    )
    .all(contactId) as Row[];
  const events: ContactEvent[] = [];
  const batches = new Map<number, Row[]>();
  for (const row of rows) if (row.batchId !== null && row.number !== null) batches.set(row.batchId, [...(batches.get(row.batchId) ?? []), row]);
  for (const [batchId, inBatch] of batches) {
    const first = inBatch[0];
    if (!first?.createdAt) continue;
    events.push({ id: -(batchId * 2), at: first.createdAt, operator: first.batchOperator ?? '', kind: 'correction_batched', label: `Correção no lote ${first.number}: ${fields(inBatch)}`, text: null });
    if (first.sentAt) events.push({ id: -(batchId * 2 + 1), at: first.sentAt, operator: first.batchOperator ?? '', kind: 'batch_sent', label: `Lote ${first.number} enviado à Implanta`, text: null });
  }
  for (const row of rows) {
    if ((row.status !== 'synced' && row.status !== 'rejected') || row.changedAt === null) continue;
    const synced = row.status === 'synced';
    events.push({
      // Apart from the lotes' ids: a correction's id is never a lote's.
      id: -(1_000_000_000 + row.id),
      at: row.changedAt,
      operator: 'Implanta',
      kind: synced ? 'correction_synced' : 'correction_rejected',
      label: synced ? `Implanta aplicou a correção: ${fieldLabel(row.field)}` : `Implanta recusou a correção: ${fieldLabel(row.field)}`,
      text: synced ? null : row.statusMessage,
    });
  }
  return events;
}
