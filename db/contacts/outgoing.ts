// The two e-mails an atendimento leads to, put together from the store: the forward to Implanta
// (what the notice asks the professional to send — CPF, name, the mother's name, the action — plus
// the desk's own diagnosis and the attachments) and a message to the professional from the
// council's templates. Both are `.eml` drafts written where the clerk chose; the mail program sends
// them (the desk has no network). What the record's corrections say decides which message fits.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { renderMessage, renderPhoneScript, type MessageData, type MessageTemplate } from '../../shared/contacts/messages';
import { CORRECTION_STATUS_LABELS } from '../../shared/display/labels';
import { formatFieldValue } from '../../shared/display/values';
import type { Professional } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { fieldLabel } from '../../shared/fields';
import { regionLabel } from '../../shared/regions';
import { writeExportFile } from '../exportFile';
import { pendenciesOf } from '../pendencies';
import { getProfessional } from '../registry';
import { getContactSettings, requireSettings } from '../settings';
import { writeTransaction } from '../storeLock';
import { composeForward, composeToProfessional, forwardSubject, type EmailAttachment } from './email';
import { fieldsOfNews, inFlight, templatesThatFit } from './fit';
import { contactRow } from './read';
import { recordMessageSent, setContactStatus } from './write';

export const OUTGOING_MESSAGES = {
  noImplantaAddress: 'Informe o e-mail de suporte da Implanta em Configurações → Atendimentos antes de encaminhar.',
} as const;

interface Written {
  path: string;
  size: number;
  sha256: string;
}

function write(path: string, bytes: Buffer, replace: boolean): Written {
  writeExportFile(path, bytes, { replace });
  return { path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function professionalOf(db: Database, contactId: number): { row: ReturnType<typeof contactRow>; professional: Professional | null } {
  const row = contactRow(db, contactId);
  return { row, professional: row.professional_id === null ? null : getProfessional(db, row.professional_id) };
}

function attachmentsOf(db: Database, contactId: number): EmailAttachment[] {
  const rows = db.prepare('SELECT file_name AS filename, type AS contentType, bytes FROM contact_attachments WHERE contact_id = ? ORDER BY id').all(contactId) as {
    filename: string;
    contentType: EmailAttachment['contentType'];
    bytes: Buffer;
  }[];
  return rows.map((r) => ({ filename: r.filename, contentType: r.contentType, content: r.bytes }));
}

/**
 * Writes the forward to Implanta and records it: an open atendimento becomes "encaminhado à
 * Implanta" (Implanta's clock starts) and the timeline says the e-mail was prepared.
 */
export async function forwardContact(db: Database, contactId: number, destination: { path: string; replace: boolean }, now: Date): Promise<Written & { subject: string }> {
  const implanta = getContactSettings(db).implantaEmail;
  if (implanta === null) throw new AppError('SETUP_REQUIRED', OUTGOING_MESSAGES.noImplantaAddress, { field: 'implantaEmail' });
  const { region } = requireSettings(db);
  const { row, professional } = professionalOf(db, contactId);
  if (row.status === 'resolved') throw new AppError('CONTACT_STATE', `O atendimento ${row.protocol} já foi resolvido: nada foi encaminhado.`);
  const council = regionLabel(region);
  const bytes = await composeForward({
    to: implanta,
    from: null,
    council,
    protocol: row.protocol,
    caseLetter: row.case,
    professional: {
      name: professional?.name ?? row.told_name,
      cpf: professional?.cpf ?? row.told_cpf,
      registration: professional?.registrationNumber ?? null,
      motherName: professional?.motherName ?? null,
      motherNotListed: professional?.motherNotListed ?? false,
    },
    action: row.summary,
    notes: row.notes ?? '',
    diagnosis: {
      pendencies: professional ? pendenciesOf(db, professional.id).map((p) => ({ case: p.case, message: p.message })) : [],
      corrections: professional
        ? inFlight(db, professional.id).map((c) => ({
            field: fieldLabel(c.field),
            from: c.oldValue === null ? null : formatFieldValue(c.field, c.oldValue),
            to: c.newValue === null ? null : formatFieldValue(c.field, c.newValue),
            status: CORRECTION_STATUS_LABELS[c.status],
            batch: c.batchNumber === null ? null : `Lote ${c.batchNumber}`,
          }))
        : [],
    },
    attachments: attachmentsOf(db, contactId),
    date: now,
  });
  const subject = forwardSubject({ council, caseLetter: row.case, protocol: row.protocol });
  const written = write(destination.path, bytes, destination.replace);
  try {
    writeTransaction(db, () => {
      if (row.status === 'open') setContactStatus({ db, now }, contactId, 'forwarded');
      recordMessageSent({ db, now }, contactId, { to: 'implanta', subject });
    });
  } catch (error) {
    // An e-mail of personal data that the timeline and the trail do not mention must not stay behind.
    rmSync(destination.path, { force: true });
    throw error;
  }
  return { ...written, subject };
}

export interface OutgoingMessage {
  subject: string;
  text: string;
  phoneScript: string;
  to: string | null;
  path: string | null;
  proposed: MessageTemplate[];
}

/**
 * A message to the professional from a template, filled from the record and the corrections the
 * atendimento concerns; with a destination, also the `.eml` to her/his registered e-mail. Nothing
 * is recorded until the clerk says it was sent (`contacts:messageSent`).
 */
export async function messageForContact(
  db: Database,
  contactId: number,
  template: MessageTemplate,
  destination: { path: string | null; replace: boolean },
  now: Date,
): Promise<OutgoingMessage> {
  const { region } = requireSettings(db);
  const { row, professional } = professionalOf(db, contactId);
  const { corrections, batchSentAt: sent, proposed } = templatesThatFit(db, contactId, professional);
  const rejected = corrections.find((c) => c.status === 'rejected');
  const data: MessageData = {
    council: regionLabel(region),
    name: professional?.name ?? row.told_name,
    protocol: row.protocol,
    fields: fieldsOfNews(template, corrections),
    batchSentAt: sent,
    reason: rejected?.statusMessage ?? null,
    dipStatus: professional?.dipStatus ?? null,
    motherNotListed: professional?.motherNotListed ?? null,
  };
  const { subject, text } = renderMessage(template, data);
  const to = professional?.email ?? null;
  let path: string | null = null;
  if (destination.path !== null) {
    if (to === null) throw new AppError('EMAIL_MISSING', 'A/o profissional não tem e-mail no cadastro: use o texto para o telefone, ou corrija o e-mail primeiro.', { field: 'path' });
    const bytes = await composeToProfessional({ to, from: null, council: data.council, subject, text, date: now });
    path = write(destination.path, bytes, destination.replace).path;
  }
  return { subject, text, phoneScript: renderPhoneScript(template, data), to, path, proposed };
}

