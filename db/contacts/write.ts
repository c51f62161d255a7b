// Every change of an atendimento: one write transaction (BEGIN IMMEDIATE) that changes the row,
// appends its timeline event and one audit entry. The audit entry names the protocol and what
// happened — never a CPF, a name, a typed mother's name, a file's name or a free text.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { ParsedInput } from '../../shared/contract';
import type { ContactAttachment, ContactEventKind, ContactStatus, IdentityCheck } from '../../shared/contract/contacts';
import type { MessageTemplate } from '../../shared/contacts/messages';
import type { Professional } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { cpfDigitsOf, cpfText, incompleteTypedCpf } from '../../shared/rules/cpf';
import { collapseSpaces } from '../../shared/text';
import { brasilia } from '../batches/clock';
import { correctionByUuid } from '../corrections';
import { findProfessional, requireProfessional } from '../registry';
import { requireSettings } from '../settings';
import { writeTransaction } from '../storeLock';
import type { ReadAttachment } from './attachmentFile';
import { appendEvent, auditContact as audit } from './events';
import { requireTemplateFits } from './fit';
import { compareIdentity, type IdentityAnswer } from './identity';
import { linkableContact, linkCorrections } from './link';
import { attachmentsOf, contactRow } from './read';

export const CONTACT_MESSAGES = {
  summaryRequired: 'Descreva o que a/o profissional estava fazendo e o que aconteceu (pelo menos 5 caracteres).',
  personRequired: 'Localize o cadastro ou informe o CPF ou o nome da/o profissional como ela/ele informou.',
  cpfShape: 'CPF informado inválido: use 11 dígitos (pontos e hífen são opcionais).',
  resolutionRequired: 'Informe a resolução do atendimento — o que foi feito — com pelo menos 5 caracteres.',
  answerRequired: 'Cole ou escreva a resposta da Implanta (pelo menos 5 caracteres).',
  notLocated: 'Localize o cadastro da/o profissional antes de conferir a identidade.',
  identityLocked:
    'A identidade da/o profissional não conferiu três vezes nas últimas 24 horas: por segurança, a conferência fica bloqueada por um dia. Peça que a/o profissional venha pessoalmente com um documento com foto.',
} as const;

/**
 * The mother's first name is the platform's login secret: whoever can ask "does it match?" without
 * limit can guess it. After this many answers "não confere" for one professional within a day (any
 * atendimento of hers/his), the desk stops answering until the day has passed.
 */
const IDENTITY_FAILURES_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

function recentIdentityFailures(db: Database, professionalId: number, now: Date): number {
  const since = new Date(now.getTime() - DAY_MS).toISOString();
  return (
    db
      .prepare(
        `SELECT count(*) FROM contact_events e JOIN contacts c ON c.id = e.contact_id
         WHERE c.professional_id = ? AND e.kind = 'identity_checked' AND e.at > ?
           AND NOT (json_extract(e.detail, '$.cpfMatches') = 1 AND json_extract(e.detail, '$.motherMatches') = 1)`,
      )
      .pluck()
      .get(professionalId, since) as number
  );
}

function resolvedError(protocol: string): AppError {
  return new AppError('CONTACT_STATE', `O atendimento ${protocol} já foi resolvido: nada foi alterado.`);
}

/** `AT-2026-000001`. */
export function protocolOf(year: number, seq: number): string {
  return `AT-${year}-${String(seq).padStart(6, '0')}`;
}

interface Context {
  db: Database;
  now: Date;
}

function textOrNull(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

function requireText(value: string, message: string, field: string): string {
  const text = value.trim();
  if (text.length < 5) throw new AppError('VALUE_REQUIRED', message, { field });
  return text;
}

/**
 * The told CPF as its 11 digits, read by the shared rule (cpfDigitsOf: characters that take no room
 * dropped, leading zeros a number cell lost restored), not checked further: a wrong CPF is a reason to call.
 */
function toldCpfOf(value: string | null): string | null {
  const text = textOrNull(value === null ? null : cpfText(value));
  if (text === null) return null;
  const digits = cpfDigitsOf(text);
  if (digits === null) throw new AppError('CPF_INVALID', CONTACT_MESSAGES.cpfShape, { field: 'cpf' });
  // Padded, "123.456.789-0" would be 012.345.678-90: another person's CPF, and their record found.
  const incomplete = incompleteTypedCpf(text);
  if (incomplete !== null) throw new AppError('CPF_INVALID', incomplete, { field: 'cpf' });
  return digits;
}

/**
 * A new atendimento, numbered per year; the record is found by the CPF told when it exists. The
 * files sent with it, already read and checked, are stored in the same transaction.
 */
export function addContact({ db, now }: Context, input: Omit<ParsedInput<'contacts:add'>, 'attachments'>, files: readonly ReadAttachment[] = []): number {
  const summary = requireText(input.summary, CONTACT_MESSAGES.summaryRequired, 'summary');
  return writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const toldCpf = toldCpfOf(input.cpf);
    const toldName = textOrNull(input.name === null ? null : collapseSpaces(input.name));
    let professional: Professional | null = input.professionalId === null ? null : requireProfessional(db, input.professionalId);
    professional ??= toldCpf === null ? null : findProfessional(db, toldCpf);
    if (professional === null && toldCpf === null && toldName === null) throw new AppError('VALUE_REQUIRED', CONTACT_MESSAGES.personRequired, { field: 'cpf' });
    const at = now.toISOString();
    const year = brasilia(now).year;
    const seq = ((db.prepare('SELECT max(seq) FROM contacts WHERE year = ?').pluck().get(year) as number | null) ?? 0) + 1;
    const protocol = protocolOf(year, seq);
    const id = Number(
      db
        .prepare(
          `INSERT INTO contacts (protocol, year, seq, professional_id, told_cpf, told_name, channel, "case", summary, notes, status, operator, created_at, updated_at)
           VALUES (@protocol, @year, @seq, @professionalId, @toldCpf, @toldName, @channel, @case, @summary, @notes, 'open', @operator, @at, @at)`,
        )
        .run({
          protocol,
          year,
          seq,
          professionalId: professional?.id ?? null,
          // Once the record is found, what it holds is the truth: nothing told is kept beside it.
          toldCpf: professional ? null : toldCpf,
          toldName: professional ? null : toldName,
          channel: input.channel,
          case: input.case,
          summary,
          notes: textOrNull(input.notes),
          operator,
          at,
        }).lastInsertRowid,
    );
    appendEvent(db, id, at, operator, 'created', null, { channel: input.channel, case: input.case });
    if (professional) appendEvent(db, id, at, operator, 'located', null, { registrationNumber: professional.registrationNumber });
    audit(db, at, operator, 'contact.add', protocol, { channel: input.channel, case: input.case, professionalId: professional?.id ?? null });
    for (const file of files) insertAttachment(db, { id, protocol }, file, at, operator);
    return id;
  });
}

/** The record found after the atendimento was opened. */
export function locateContact({ db, now }: Context, id: number, professionalId: number): void {
  writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = contactRow(db, id);
    if (row.status === 'resolved') throw resolvedError(row.protocol);
    const professional = requireProfessional(db, professionalId);
    if (row.professional_id === professional.id) return;
    const at = now.toISOString();
    db.prepare('UPDATE contacts SET professional_id = ?, told_cpf = NULL, told_name = NULL WHERE id = ?').run(professional.id, id);
    appendEvent(db, id, at, operator, 'located', null, { registrationNumber: professional.registrationNumber });
    audit(db, at, operator, 'contact.locate', row.protocol, { professionalId: professional.id });
  });
}

/** Compares what the caller said with the record; keeps only whether each item matched. */
export function checkContactIdentity({ db, now }: Context, id: number, answer: IdentityAnswer): IdentityCheck {
  return writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = contactRow(db, id);
    if (row.status === 'resolved') throw resolvedError(row.protocol);
    if (row.professional_id === null) throw new AppError('CONTACT_STATE', CONTACT_MESSAGES.notLocated);
    if (recentIdentityFailures(db, row.professional_id, now) >= IDENTITY_FAILURES_PER_DAY) throw new AppError('CONTACT_STATE', CONTACT_MESSAGES.identityLocked);
    const result = compareIdentity(requireProfessional(db, row.professional_id), answer);
    const at = now.toISOString();
    const facts = { cpfMatches: result.cpfMatches, motherMatches: result.motherMatches };
    appendEvent(db, id, at, operator, 'identity_checked', null, facts);
    audit(db, at, operator, 'contact.identity', row.protocol, facts);
    return result;
  });
}

const STATUS_EVENTS: Record<Exclude<ContactStatus, 'resolved'>, ContactEventKind> = {
  open: 'reopened',
  forwarded: 'forwarded',
  waiting_professional: 'waiting_professional',
};

/** forwarded / waiting_professional / open again; a resolved atendimento stays resolved. */
export function setContactStatus({ db, now }: Context, id: number, status: Exclude<ContactStatus, 'resolved'>): void {
  writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = contactRow(db, id);
    if (row.status === 'resolved') throw resolvedError(row.protocol);
    if (row.status === status) return;
    const at = now.toISOString();
    db.prepare(`UPDATE contacts SET status = ?, forwarded_at = ${status === 'forwarded' ? '?' : 'forwarded_at'} WHERE id = ?`).run(
      ...(status === 'forwarded' ? [status, at, id] : [status, id]),
    );
    appendEvent(db, id, at, operator, STATUS_EVENTS[status], null, { from: row.status, to: status });
    audit(db, at, operator, 'contact.status', row.protocol, { from: row.status, to: status });
  });
}

/** Implanta's answer: on the timeline, and the atendimento is no longer waiting on Implanta. */
export function answerContact({ db, now }: Context, id: number, text: string): void {
  const answer = requireText(text, CONTACT_MESSAGES.answerRequired, 'text');
  writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = contactRow(db, id);
    if (row.status === 'resolved') throw resolvedError(row.protocol);
    const at = now.toISOString();
    db.prepare('UPDATE contacts SET answered_at = ? WHERE id = ?').run(at, id);
    appendEvent(db, id, at, operator, 'answered', answer, {});
    audit(db, at, operator, 'contact.answer', row.protocol, {});
  });
}

/** Resolved, with what was done. */
export function closeContact({ db, now }: Context, id: number, resolution: string): void {
  writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = contactRow(db, id);
    if (row.status === 'resolved') throw resolvedError(row.protocol);
    const text = requireText(resolution, CONTACT_MESSAGES.resolutionRequired, 'resolution');
    const at = now.toISOString();
    db.prepare("UPDATE contacts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?").run(text, at, id);
    appendEvent(db, id, at, operator, 'resolved', text, { from: row.status });
    audit(db, at, operator, 'contact.close', row.protocol, { from: row.status });
  });
}

/** A correction this atendimento led to (the same professional's); linking twice changes nothing. */
export function linkContactCorrection({ db, now }: Context, id: number, uuid: string): void {
  writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = contactRow(db, id);
    const correction = correctionByUuid(db, uuid);
    if (!correction) throw new AppError('CORRECTION_NOT_FOUND', `Correção ${uuid} não encontrada: confira o identificador.`, { field: 'correctionUuid' });
    if (row.professional_id !== null && correction.professional_id !== row.professional_id) {
      throw new AppError('CONTACT_STATE', `A correção ${uuid} é de outro cadastro: vincule só correções da/o profissional deste atendimento.`, { field: 'correctionUuid' });
    }
    linkableContact(db, id, correction.professional_id);
    linkCorrections(db, id, [{ id: correction.id, uuid, field: correction.field, professionalId: correction.professional_id }], now.toISOString(), operator);
  });
}

/** Stores a file already read and checked (./attachmentFile.ts). */
export function addContactAttachment({ db, now }: Context, id: number, file: ReadAttachment): ContactAttachment {
  return writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = contactRow(db, id);
    if (row.status === 'resolved') throw resolvedError(row.protocol);
    const attachmentId = insertAttachment(db, { id, protocol: row.protocol }, file, now.toISOString(), operator);
    const stored = attachmentsOf(db, id).find((a) => a.id === attachmentId);
    if (!stored) throw new Error('attachment not stored');
    return stored;
  });
}

/** One file stored on an atendimento, on its timeline and in the audit trail (by its SHA-256). */
function insertAttachment(db: Database, contact: { id: number; protocol: string }, file: ReadAttachment, at: string, operator: string): number {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  // The same bytes twice would go twice to Implanta in the forward, for nothing.
  const same = db.prepare('SELECT file_name FROM contact_attachments WHERE contact_id = ? AND sha256 = ?').get(contact.id, sha256) as { file_name: string } | undefined;
  if (same) {
    const as = same.file_name === file.name ? '' : ` (como “${same.file_name}”)`;
    throw new AppError('INPUT_INVALID', `O arquivo "${file.name}" já está anexado ao atendimento ${contact.protocol}${as}: nada foi anexado de novo.`, { field: 'path' });
  }
  const attachmentId = Number(
    db
      .prepare('INSERT INTO contact_attachments (contact_id, file_name, type, size, sha256, bytes, operator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(contact.id, file.name, file.type, file.bytes.length, sha256, file.bytes, operator, at).lastInsertRowid,
  );
  const facts = { attachmentId, type: file.type, size: file.bytes.length, sha256 };
  appendEvent(db, contact.id, at, operator, 'attached', null, facts);
  audit(db, at, operator, 'contact.attach', contact.protocol, facts);
  return attachmentId;
}

/** A message about the atendimento went out (to Implanta or to the professional): on the timeline with its subject. */
export function recordMessageSent({ db, now }: Context, id: number, message: { to: 'implanta' | 'professional'; subject: string; template?: MessageTemplate | undefined }): void {
  writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = contactRow(db, id);
    if (message.to === 'professional' && message.template !== undefined) requireTemplateFits(db, { id, protocol: row.protocol, professionalId: row.professional_id }, message.template);
    const at = now.toISOString();
    // The template says which news the professional has had: the desk stops listing her/him as "a avisar".
    const facts = message.template === undefined ? { to: message.to } : { to: message.to, template: message.template };
    appendEvent(db, id, at, operator, 'message_sent', textOrNull(message.subject), facts);
    audit(db, at, operator, 'contact.message', row.protocol, facts);
  });
}

/** An attachment's bytes, for saving where the clerk chose. */
export function attachmentBytes(db: Database, attachmentId: number): { contactId: number; protocol: string; bytes: Buffer; sha256: string } {
  const row = db
    .prepare('SELECT a.contact_id AS contactId, c.protocol, a.bytes, a.sha256 FROM contact_attachments a JOIN contacts c ON c.id = a.contact_id WHERE a.id = ?')
    .get(attachmentId) as { contactId: number; protocol: string; bytes: Buffer; sha256: string } | undefined;
  if (!row) throw new AppError('CONTACT_NOT_FOUND', `Anexo ${attachmentId} não encontrado.`);
  return row;
}
