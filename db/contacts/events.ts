// The two writes every change of an atendimento makes inside its transaction: a timeline event
// (which also touches the atendimento's updated_at) and one audit entry naming the protocol.
import type { Database } from 'better-sqlite3';
import type { ContactEventKind } from '../../shared/contract/contacts';
import { appendAudit } from '../audit';

export function appendEvent(db: Database, contactId: number, at: string, operator: string, kind: ContactEventKind, text: string | null, detail: object): void {
  db.prepare('INSERT INTO contact_events (contact_id, at, operator, kind, text, detail) VALUES (?, ?, ?, ?, ?, ?)').run(
    contactId,
    at,
    operator,
    kind,
    text,
    JSON.stringify(detail),
  );
  db.prepare('UPDATE contacts SET updated_at = ? WHERE id = ?').run(at, contactId);
}

export function auditContact(db: Database, at: string, operator: string, action: string, protocol: string, detail: object): void {
  appendAudit(db, { at, operator, action, entity: 'contact', entityId: protocol, detail: { protocol, ...detail } });
}
