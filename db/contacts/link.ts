// Linking corrections to the atendimento that led to them, inside the caller's write transaction:
// from the atendimento (one existing correction) or from the correction form (the corrections
// being saved), so a save that fails leaves no link and a link never points at nothing.
import type { Database } from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { formatCpf } from '../../shared/rules/cpf';
import { digitsOnly } from '../../shared/text';
import { leftCpf, requireProfessional } from '../registry';
import { appendEvent, auditContact } from './events';
import { contactRow } from './read';

interface Linked {
  id: number;
  uuid: string;
  field: string;
  professionalId: number;
}

/** Whether the CPF told when the atendimento was opened is the professional's: hers now, or one the desk corrected away from. */
function toldCpfIsTheirs(db: Database, toldCpf: string | null, professional: { id: number; cpf: string }): boolean {
  const told = digitsOnly(toldCpf ?? '');
  if (told === '') return false;
  return told === professional.cpf || leftCpf(db, professional.id, told);
}

/**
 * The atendimento a correction of this professional may name: it exists, is not resolved, and is
 * the professional's — or not located yet and opened with her CPF: the correction locates it. An
 * atendimento opened with another CPF (or none) is another person's until the clerk locates it:
 * a protocol typed wrong must not hand a stranger's case, and what was told, to this record.
 * Throws in Portuguese otherwise.
 */
export function linkableContact(db: Database, contactId: number, professionalId: number): ReturnType<typeof contactRow> {
  const row = contactRow(db, contactId);
  if (row.status === 'resolved') {
    throw new AppError('CONTACT_STATE', `O atendimento ${row.protocol} já foi resolvido: escolha um atendimento em aberto ou salve a correção sem atendimento.`, { field: 'contactId' });
  }
  if (row.professional_id !== null && row.professional_id !== professionalId) {
    throw new AppError('CONTACT_STATE', `O atendimento ${row.protocol} é de outro cadastro: escolha um atendimento desta/e profissional.`, { field: 'contactId' });
  }
  if (row.professional_id === null) {
    const professional = requireProfessional(db, professionalId);
    if (!toldCpfIsTheirs(db, row.told_cpf, professional)) {
      const told = row.told_cpf ? `com o CPF ${/^\d{11}$/.test(digitsOnly(row.told_cpf)) ? formatCpf(digitsOnly(row.told_cpf)) : row.told_cpf}` : 'sem CPF';
      throw new AppError(
        'CONTACT_STATE',
        `O atendimento ${row.protocol} ainda não foi localizado e foi aberto ${told}${row.told_name ? ` (${row.told_name})` : ''}, que não é o de ${professional.name} (registro ${professional.registrationNumber}): localize o cadastro do atendimento antes (Atendimentos → Localizar cadastro) ou escolha um atendimento desta/e profissional.`,
        { field: 'contactId' },
      );
    }
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
