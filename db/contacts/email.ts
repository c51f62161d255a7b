// The e-mails of a contact, as .eml files the clerk opens in the council's own mail program and sends
// from there: the forward of a professional's problem to Implanta (what the notice asks the
// professional to send, plus the CRESS diagnosis) and a message back to the professional. The desk
// itself never sends anything. MIME is built by nodemailer's MailComposer, a maintained composer,
// rather than by hand: header encoding of accented words, folding, line-break injection,
// multipart boundaries and attachment encoding are exactly where hand-written MIME goes wrong.
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { AppError } from '../../shared/errors';
import { plural } from '../../shared/display/plural';
import { formatCpf } from '../../shared/rules/cpf';
import { parseEmail } from '../../shared/rules/email';
import { PENDENCY_CASE_LABELS, type PendencyCase } from '../../shared/rules/pendencyCases';
import { plainLine, plainText } from '../../shared/text';

export interface EmailAttachment {
  filename: string;
  contentType: 'image/png' | 'image/jpeg' | 'application/pdf';
  content: Buffer;
}

export interface ForwardToImplanta {
  /** Implanta's support address (from Configurações). */
  to: string;
  /** The council's address, when set. */
  from: string | null;
  /** E.g. "CRESS 9ª Região (SP)". */
  council: string;
  /** E.g. "AT-2026-000123". */
  protocol: string;
  caseLetter: 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'other';
  professional: { name: string | null; cpf: string | null; registration: string | null; motherName: string | null; motherNotListed: boolean };
  /** What the professional was trying to do. */
  action: string;
  notes: string;
  diagnosis: {
    /** The record's pendências, in Portuguese. */
    pendencies: { case: string; message: string }[];
    /** Corrections in flight; labels already in Portuguese. */
    corrections: { field: string; from: string | null; to: string | null; status: string; batch: string | null }[];
  };
  attachments: EmailAttachment[];
  date: Date;
}

export interface MessageToProfessional {
  to: string;
  from: string | null;
  council: string;
  subject: string;
  text: string;
  date: Date;
}

const NOT_INFORMED = 'não informado';

/** One line of typed text: line breaks and other controls become spaces, runs of spaces one space. */
function oneLine(value: string | null | undefined): string {
  return plainLine(value ?? '');
}

/** A single address, as parseEmail accepts it: a list, a display name or a line break would add recipients or headers. */
function address(value: string, role: 'destino' | 'remetente'): string {
  const parsed = parseEmail(value);
  if (!parsed.ok) {
    throw new AppError('EMAIL_INVALID', `E-mail de ${role} inválido: informe um único endereço (exemplo: nome@dominio.com.br).`, {
      details: { role },
    });
  }
  return parsed.value;
}

/** A Message-ID on the council's domain when it has an address, so replies thread in its mail program. */
function messageId(from: string | null): string {
  const domain = from?.split('@')[1] ?? 'cress-desk.invalid';
  return `<${randomUUID()}@${domain}>`;
}

function caseLabel(caseLetter: string): string {
  const known = PENDENCY_CASE_LABELS[caseLetter as PendencyCase];
  return known ? `Caso ${known}` : `Caso ${oneLine(caseLetter)}`;
}

function caseLabelShort(caseLetter: string): string {
  return `Caso ${oneLine(caseLetter)}`;
}

function motherLine(professional: ForwardToImplanta['professional']): string {
  if (professional.motherNotListed) return 'Não consta mãe';
  return oneLine(professional.motherName) || NOT_INFORMED;
}

/** The forward's subject: the council, the notice's case and the protocol (the timeline shows it too). */
export function forwardSubject(message: Pick<ForwardToImplanta, 'council' | 'caseLetter' | 'protocol'>): string {
  const parts = [oneLine(message.council)];
  if (message.caseLetter !== 'other') parts.push(`Caso ${message.caseLetter}`);
  parts.push(`Protocolo ${oneLine(message.protocol)}`, 'recadastramento');
  return parts.join(' — ');
}

function forwardText(message: ForwardToImplanta): string {
  const { professional, diagnosis } = message;
  const council = oneLine(message.council);
  const cpf = oneLine(professional.cpf);
  const lines: string[] = [
    'Prezada equipe de suporte da Implanta,',
    '',
    `O ${council} encaminha o atendimento ${oneLine(message.protocol)}: a/o profissional abaixo tem dificuldade no Recadastramento Nacional.`,
  ];
  if (message.caseLetter !== 'other') lines.push(`${caseLabel(message.caseLetter)} (aviso do Recadastramento Nacional).`);
  lines.push(
    '',
    'Dados da/o profissional',
    `CPF: ${cpf ? formatCpf(cpf) : NOT_INFORMED}`,
    `Nome: ${oneLine(professional.name) || NOT_INFORMED}`,
    `Registro: ${oneLine(professional.registration) || NOT_INFORMED}`,
    `Nome da mãe: ${motherLine(professional)}`,
    '',
    'Ação que estava sendo executada',
    plainText(message.action) || NOT_INFORMED,
  );
  const notes = plainText(message.notes);
  if (notes) lines.push('', 'Observações', notes);

  lines.push('', 'Diagnóstico do CRESS', 'Pendências do cadastro:');
  if (diagnosis.pendencies.length === 0) lines.push('Nenhuma pendência no cadastro.');
  for (const p of diagnosis.pendencies) lines.push(`- ${caseLabelShort(p.case)}: ${oneLine(p.message)}`);
  lines.push('Correções em andamento:');
  if (diagnosis.corrections.length === 0) lines.push('Nenhuma correção em andamento.');
  for (const c of diagnosis.corrections) {
    const value = (v: string | null) => oneLine(v) || '(vazio)';
    const batch = oneLine(c.batch) || 'ainda sem lote';
    lines.push(`- ${oneLine(c.field)}: ${value(c.from)} → ${value(c.to)} (${oneLine(c.status)}, ${batch})`);
  }

  const count = message.attachments.length;
  lines.push('', `Anexos: ${count === 0 ? 'nenhum arquivo' : plural(count, 'arquivo', 'arquivos')}`);
  lines.push('', 'Atenciosamente,', council, '');
  return lines.join('\n');
}

async function build(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer({
    ...options,
    // Outlook opens a message with X-Unsent as a draft ready to send; other programs ignore it.
    headers: { 'X-Unsent': '1' },
    newline: 'windows',
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
}

/** The headers every message has: from the council's address (when set), to, subject, its id and date. */
function headed(message: Pick<MessageToProfessional, 'to' | 'from' | 'council' | 'date'>, subject: () => string) {
  const to = address(message.to, 'destino');
  const from = message.from === null ? null : address(message.from, 'remetente');
  return {
    ...(from ? { from: { name: oneLine(message.council), address: from } } : {}),
    to,
    subject: subject(),
    messageId: messageId(from),
    date: message.date,
  };
}

/** The forward of a contact to Implanta's support, as .eml bytes. */
export async function composeForward(message: ForwardToImplanta): Promise<Buffer> {
  return build({
    ...headed(message, () => forwardSubject(message)),
    text: forwardText(message),
    attachments: message.attachments.map((a) => ({
      filename: oneLine(a.filename) || 'anexo',
      contentType: a.contentType,
      content: a.content,
      contentTransferEncoding: 'base64',
    })),
  });
}

/** A message from the council to the professional (text from shared/contacts/messages.ts), as .eml bytes. */
export async function composeToProfessional(message: MessageToProfessional): Promise<Buffer> {
  return build({
    ...headed(message, () => oneLine(message.subject)),
    text: plainText(message.text) + '\n',
  });
}

/** A safe file name for the .eml, e.g. "AT-2026-000123-encaminhamento.eml" (no personal data in it). */
export function emlFileName(protocol: string, kind: 'encaminhamento' | 'mensagem'): string {
  const safe = protocol
    .normalize('NFD')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
  return `${safe || 'atendimento'}-${kind}.eml`;
}
