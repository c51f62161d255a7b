// Linking corrections to the atendimento that led to them, inside the caller's write transaction:
// from the atendimento (one existing correction) or from the correction form (the corrections
// being saved), so a save that fails leaves no link and a link never points at nothing.
import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { requireProfessional } from '../registry';
import { appendEvent, auditContact } from './events';
import { contactRow } from './read';

interface Linked {
  id: number;
  uuid: string;
  field: string;
  professionalId: number;
}

/**
 * The atendimento a correction of this professional may name: it exists, is not resolved, and is
 * the professional's (or not located yet: the correction locates it). Throws in Portuguese otherwise.
 */
export function linkableContact(db: Database, contactId: number, professionalId: number): ReturnType<typeof contactRow> {
  const row = contactRow(db, contactId);
  if (row.status === 'resolved') {
    throw new AppError('CONTACT_STATE', `O atendimento ${row.protocol} já foi resolvido: escolha um atendimento em aberto ou salve a correção sem atendimento.`, { field: 'contactId' });
  }
  if (row.professional_id !== null && row.professional_id !== professionalId) {
    throw new AppError('CONTACT_STATE', `O atendimento ${row.protocol} é de outro cadastro: escolha um atendimento desta/e profissional.`, { field: 'contactId' });
  }
  return row;
}

/** Links the corrections (one professional's) to the atendimento; returns how many links are new. */
export function linkCorrections(db: Database, contactId: number, corrections: readonly Linked[], at: string, operator: string): number {
  const row = contactRow(db, contactId);
  const insert = db.prepare('INSERT OR IGNORE INTO contact_corrections (contact_id, correction_id, linked_at, operator) VALUES (?, ?, ?, ?)');
  let added = 0;
  for (const correction of corrections) {
    if (insert.run(contactId, correction.id, at, operator).changes === 0) continue;
    added++;
    if (row.professional_id === null && added === 1) {
      const professional = requireProfessional(db, correction.professionalId);
      db.prepare('UPDATE contacts SET professional_id = ?, told_cpf = NULL, told_name = NULL WHERE id = ?').run(professional.id, contactId);
      appendEvent(db, contactId, at, operator, 'located', null, { registrationNumber: professional.registrationNumber });
    }
    appendEvent(db, contactId, at, operator, 'correction_linked', null, { correction: correction.uuid, field: correction.field });
    auditContact(db, at, operator, 'contact.link', row.protocol, { correction: correction.uuid });
  }
  return added;
}
