// `cress-desk contact …`: the atendimentos from a terminal, over the app's channels — opening one
// with its files, the list (overdue ones too), one with its timeline, the identity check, Implanta's
// answer and the resolution. Files are taken by path, as everywhere on the command line.
import { Option } from 'commander';
import { join, resolve } from 'node:path';
import { emlFileName } from '../../db/contacts/email';
import { MESSAGE_TEMPLATE_IDS, MESSAGE_TEMPLATES, type MessageTemplate } from '../../shared/contacts/messages';
import type { Contact, ContactAttachment, ContactSummary, Output } from '../../shared/contract';
import {
  CONTACT_CASES,
  CONTACT_CHANNEL_LABELS,
  CONTACT_CHANNELS,
  CONTACT_STATUS_LABELS,
  CONTACT_STATUSES,
  type ContactCase,
  type ContactChannel,
  type ContactStatus,
} from '../../shared/contract/contacts';
import { formatCount, formatFileSize } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';
import { AppError } from '../../shared/errors';
import { demoFileName } from '../../shared/regions';
import { cpfDigitsOf, cpfText, formatCpf } from '../../shared/rules/cpf';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { contactProtocol } from './contactRefs';
import { collect } from './correctionChanges';
import { table } from './output';
import { EXIT, PAGE_OPTION, pageOf, pageLine, UsageError, commandGroup, commandsOf, optionText, outputPath, requiredOutputPath, wholeNumber, wholeNumberIn, type CliContext, type CliModule, type CommandOutcome } from './types';

function caseOf(context: CliContext): ContactCase {
  const text = optionText(context, 'case') ?? '';
  const value = text.toLowerCase() === 'other' ? 'other' : text.toUpperCase();
  if (!(CONTACT_CASES as readonly string[]).includes(value)) throw new UsageError(`--case takes one of ${CONTACT_CASES.join(', ')}`);
  return value as ContactCase;
}

function personLine(c: ContactSummary): string {
  const p = c.person;
  const who = p.name ?? 'nome não informado';
  if (p.professionalId !== null) return `${who} (registro ${p.registrationNumber ?? '?'})`;
  return `${who}${p.cpf ? `, CPF ${/^\d{11}$/.test(p.cpf) ? formatCpf(p.cpf) : p.cpf}` : ''} — cadastro não localizado`;
}

function attachmentLine(a: ContactAttachment): string {
  return `  #${a.id} ${a.fileName} (${a.type}, ${formatFileSize(a.size)})`;
}

function shown(c: Contact): string {
  return [
    `${c.protocol} — ${CONTACT_STATUS_LABELS[c.status]}${c.overdue ? ' (ATRASADO: a Implanta não respondeu)' : ''}`,
    `Profissional: ${personLine(c)}`,
    `Canal: ${CONTACT_CHANNEL_LABELS[c.channel]}; caso ${c.case === 'other' ? 'outro' : c.case}; aberto em ${formatDateTimeBr(c.createdAt)} por ${c.operator}`,
    `Relato: ${c.summary}`,
    ...(c.notes ? [`Observações: ${c.notes}`] : []),
    ...(c.resolution ? [`Resolução: ${c.resolution}`] : []),
    ...(c.attachmentList.length > 0 ? ['Anexos:', ...c.attachmentList.map(attachmentLine)] : []),
    ...(c.corrections.length > 0 ? ['Correções:', ...c.corrections.map((r) => `  ${r.uuid} ${r.field} (${r.status})`)] : []),
    ...(c.toNotify ? [`A avisar: ${MESSAGE_TEMPLATES[c.toNotify]} (contact message ${c.protocol} --template ${c.toNotify} --sent)`] : []),
    'Histórico:',
    ...c.events.map((e) => `  ${formatDateTimeBr(e.at)}  ${e.label}${e.text ? `: ${e.text}` : ''}`),
  ].join('\n');
}

/** The key: a record found by CPF or registration number, or a CPF told for a record not found yet. */
async function personOf(context: CliContext, key: string): Promise<{ professionalId: number | null; cpf: string | null }> {
  const professional = await context.call('registry:find', { key: key.trim() });
  if (professional) return { professionalId: professional.id, cpf: null };
  // Told as typed (the desk refuses a CPF typed with a digit missing); read by the shared rule.
  const told = cpfText(key).trim();
  if (cpfDigitsOf(told) !== null) return { professionalId: null, cpf: told };
  throw new AppError('PROFESSIONAL_NOT_FOUND', `Nenhum cadastro com CPF ou registro ${key}: para abrir o atendimento sem o cadastro, informe o CPF.`);
}

async function add(context: CliContext): Promise<CommandOutcome> {
  const [key = ''] = context.args;
  const files = ((context.values.attach as string[] | undefined) ?? []).map((f) => resolve(f));
  const person = await personOf(context, key);
  const result = await context.call('contacts:add', {
    ...person,
    name: optionText(context, 'name') ?? null,
    channel: context.values.channel as ContactChannel,
    case: caseOf(context),
    summary: optionText(context, 'summary') ?? '',
    notes: optionText(context, 'notes') ?? null,
    // Checked by the desk before anything is written: a refused file leaves no atendimento behind.
    attachments: files.map((path) => ({ path })),
  });
  const text = `Atendimento ${result.protocol} opened (${CONTACT_CHANNEL_LABELS[result.channel]}, case ${result.case}) for ${personLine(result)}${
    files.length > 0 ? `, with ${plural(files.length, 'attachment', 'attachments')}` : ''
  }.`;
  return { result, text, exit: EXIT.ok };
}

async function list(context: CliContext): Promise<CommandOutcome> {
  const result: Output<'contacts:list'> = await context.call('contacts:list', {
    status: context.values.status as ContactStatus | undefined,
    overdue: context.values.overdue === true ? true : undefined,
    toNotify: context.values.toNotify === true ? true : undefined,
    page: pageOf(context),
  });
  const text =
    result.items.length === 0
      ? result.total > 0
        ? `No atendimento on this page: ${formatCount(result.total)} found (${pageLine(result)}).`
        : 'No atendimento found.'
      : `${table([
          ['Protocolo', 'Aberto em', 'Situação', 'Canal', 'Caso', 'Profissional', 'CPF'],
          ...result.items.map((c) => [
            c.protocol,
            formatDateTimeBr(c.createdAt),
            `${CONTACT_STATUS_LABELS[c.status]}${c.overdue ? ' (atrasado)' : ''}${c.toNotify ? ` (a avisar: ${MESSAGE_TEMPLATES[c.toNotify]})` : ''}`,
            CONTACT_CHANNEL_LABELS[c.channel],
            c.case,
            c.person.name ?? '',
            c.person.cpf ?? '',
          ]),
        ])}\n${formatCount(result.total)} ${result.total === 1 ? 'atendimento' : 'atendimentos'} (${pageLine(result)}).`;
  return { result, text, exit: EXIT.ok };
}

async function show(context: CliContext): Promise<CommandOutcome> {
  const result = await context.call('contacts:get', { id: await contactProtocol(context, context.args[0]) });
  return { result, text: shown(result), exit: EXIT.ok };
}

async function check(context: CliContext): Promise<CommandOutcome> {
  const mother = optionText(context, 'mother');
  const notListed = context.values.motherNotListed === true;
  if ((mother === undefined) === !notListed) throw new UsageError('give either --mother NAME or --mother-not-listed');
  const result = await context.call('contacts:checkIdentity', {
    id: await contactProtocol(context, context.args[0]),
    cpf: optionText(context, 'cpf') ?? '',
    motherName: mother ?? null,
    motherNotListed: notListed,
  });
  const word = (matches: boolean) => (matches ? 'confere' : 'NÃO confere');
  const text = `Identity ${result.confirmed ? 'confirmed' : 'NOT confirmed'}: CPF ${word(result.cpfMatches)}; mãe ${word(result.motherMatches)}.`;
  return { result, text, exit: EXIT.ok };
}

async function status(context: CliContext): Promise<CommandOutcome> {
  const result = await context.call('contacts:setStatus', { id: await contactProtocol(context, context.args[0]), status: context.values.to as 'open' | 'forwarded' | 'waiting_professional' });
  return { result, text: `Atendimento ${result.protocol}: ${CONTACT_STATUS_LABELS[result.status]}.`, exit: EXIT.ok };
}

async function locate(context: CliContext): Promise<CommandOutcome> {
  const [id, key = ''] = context.args;
  const contactId = await contactProtocol(context, id);
  const professional = await context.call('registry:find', { key: key.trim() });
  if (!professional) throw new AppError('PROFESSIONAL_NOT_FOUND', `Nenhum cadastro com CPF ou registro ${key}: confira o número, ou carregue antes o cadastro do sistema do Regional.`);
  const result = await context.call('contacts:locate', { id: contactId, professionalId: professional.id });
  return { result, text: `Atendimento ${result.protocol} located: ${professional.name} (registro ${professional.registrationNumber}).`, exit: EXIT.ok };
}

async function answer(context: CliContext): Promise<CommandOutcome> {
  const result = await context.call('contacts:answer', { id: await contactProtocol(context, context.args[0]), text: optionText(context, 'text') ?? '' });
  return { result, text: `Implanta's answer recorded on ${result.protocol}.`, exit: EXIT.ok };
}

async function close(context: CliContext): Promise<CommandOutcome> {
  const result = await context.call('contacts:close', { id: await contactProtocol(context, context.args[0]), resolution: optionText(context, 'resolution') ?? '' });
  return { result, text: `Atendimento ${result.protocol} resolved.`, exit: EXIT.ok };
}

async function attach(context: CliContext): Promise<CommandOutcome> {
  const [id, file = ''] = context.args;
  const path = resolve(file);
  const result = await context.call('contacts:attach', { id: await contactProtocol(context, id), path });
  return { result, text: `Attached ${result.fileName} (${result.type}, ${formatFileSize(result.size)}) as #${result.id}.`, exit: EXIT.ok };
}

async function saveAttachment(context: CliContext): Promise<CommandOutcome> {
  const attachmentId = wholeNumber(context.args[0], 'attachment', 'ATTACHMENT');
  if (attachmentId === undefined || attachmentId < 1) throw new UsageError('ATTACHMENT is the number of an attachment (contact show lists them)');
  const result = await context.call('contacts:attachment', { attachmentId, path: requiredOutputPath(context, 'FILE') });
  return { result, text: `Saved ${formatFileSize(result.size)} to ${result.path}.`, exit: EXIT.ok };
}

/** Where an `.eml` goes in `folder`: under the protocol's name, saying DEMONSTRACAO on a demo desk. */
async function emlPath(context: CliContext, folder: string, protocol: string, kind: 'encaminhamento' | 'mensagem'): Promise<string> {
  const demo = (await context.call('app:info', {})).settings?.demo === true;
  return join(resolve(folder), demoFileName(emlFileName(protocol, kind), demo));
}

/** The `.eml` for Implanta, written into --out (a folder) under the protocol's name. */
async function forward(context: CliContext): Promise<CommandOutcome> {
  const folder = requiredOutputPath(context, 'DIR');
  const id = await contactProtocol(context, context.args[0]);
  const { protocol } = await context.call('contacts:get', { id });
  const path = await emlPath(context, folder, protocol, 'encaminhamento');
  const result = await context.call('contacts:forward', { id, path }).catch((error: unknown) => {
    // The store's words point at the app's screen; from a terminal the address is set by a command.
    if (error instanceof AppError && error.code === 'SETUP_REQUIRED') {
      throw new AppError('SETUP_REQUIRED', `${error.message} Na linha de comando: cress-desk contact settings --implanta-email ENDEREÇO. Nada foi gravado.`);
    }
    throw error;
  });
  return {
    result,
    text: [
      `E-mail for Implanta written to ${result.path} (${formatFileSize(result.size)}): open it in the mail program and send it.`,
      `Subject: ${result.subject}`,
      `State: ${CONTACT_STATUS_LABELS[result.contact.status]}.`,
    ].join('\n'),
    exit: EXIT.ok,
  };
}

/** A message to the professional from a template: its text and phone script, and with --out the `.eml`. */
async function message(context: CliContext): Promise<CommandOutcome> {
  const template = optionText(context, 'template') as MessageTemplate;
  const folder = outputPath(context);
  const id = await contactProtocol(context, context.args[0]);
  const { protocol } = await context.call('contacts:get', { id });
  const path = folder === undefined ? null : await emlPath(context, folder, protocol, 'mensagem');
  const sent = context.values.sent === true;
  let result = await context.call('contacts:message', { id, template, path: sent ? null : path });
  // The message went out (e-mail sent, script read): on the timeline, and the professional is told.
  // Recorded before the e-mail is written, so a template whose news did not happen leaves no file.
  if (sent) {
    await context.call('contacts:messageSent', { id, to: 'professional', subject: result.subject, template });
    if (path !== null) result = await context.call('contacts:message', { id, template, path });
  }
  const lines = [`Subject: ${result.subject}`, '', result.text, '', 'Phone script:', result.phoneScript];
  if (result.path) lines.push('', `E-mail to ${result.to} written to ${result.path}: open it in the mail program and send it.`);
  if (result.proposed.length > 0) lines.push('', `Templates that fit this record now: ${result.proposed.join(', ')}.`);
  if (sent) lines.push('', `Recorded as sent on ${protocol}.`);
  return { result, text: lines.join('\n'), exit: EXIT.ok };
}

/** Implanta's support address and the overdue days: shown, and changed when given. */
async function settings(context: CliContext): Promise<CommandOutcome> {
  const implantaEmail = optionText(context, 'implantaEmail');
  const days = optionText(context, 'overdueDays');
  const overdueDays = days === undefined ? undefined : wholeNumberIn(days, 'overdue-days', 1, 60);
  const result =
    implantaEmail === undefined && overdueDays === undefined
      ? await context.call('settings:contacts', {})
      : await context.call('settings:updateContacts', { ...(implantaEmail === undefined ? {} : { implantaEmail }), ...(overdueDays === undefined ? {} : { overdueDays }) });
  const text = `Implanta's support address: ${result.implantaEmail ?? 'not set (contact forward needs it)'}\nOverdue after: ${plural(result.overdueDays, 'day', 'days')} without Implanta's answer.`;
  return { result, text, exit: EXIT.ok };
}

export const contactsCli: CliModule = (program, action) => {
  const command = commandsOf(commandGroup(program, 'contact', "Atendimentos: professionals' problems forwarded to Implanta"));
  /** A command about one atendimento. */
  const onOne = (name: string, description: string) => command(name, description).argument('<id>', 'the atendimento: its protocol (AT-2026-000001), or its number when it is of this year (1)');
  command('add', 'Open an atendimento for a professional (found by CPF or registration number, or by the CPF told when not found yet)')
    .argument('<cpf-or-registration>', 'CPF or registration number')
    .addOption(new Option('--channel <c>', 'how the professional reached the council').choices(CONTACT_CHANNELS).makeOptionMandatory())
    .requiredOption('--case <x>', `the notice's case: ${CONTACT_CASES.join(', ')}`)
    .requiredOption('--summary <text>', 'what the professional was trying to do, and what happened')
    .option('--notes <text>', "the clerk's notes")
    .option('--name <name>', 'the name as told, when no record is found')
    .option('--attach <file>', 'a PNG, JPEG or PDF of 10 MB at most (repeatable)', collect)
    .action(action(add));
  command('list', 'Atendimentos, newest first')
    .addOption(new Option('--status <s>', 'only this state').choices(CONTACT_STATUSES))
    .option('--overdue', 'only those forwarded and not answered by Implanta in time')
    .option('--to-notify', 'only those whose professional still has to be told about the corrections (a avisar)')
    .option(...PAGE_OPTION)
    .action(action(list));
  onOne('show', 'One atendimento with its timeline, attachments and corrections').action(action(show));
  onOne('check', "Check the caller's identity: CPF and mother's name (nothing typed is kept)")
    .requiredOption('--cpf <cpf>', 'the CPF the caller says')
    .option('--mother <name>', "the mother's name the caller says")
    .option('--mother-not-listed', 'the caller says the identity document lists no mother')
    .action(action(check));
  onOne('status', 'Mark an atendimento forwarded to Implanta, waiting for the professional, or open again')
    .addOption(new Option('--to <state>', 'the new state').choices(['forwarded', 'waiting_professional', 'open']).makeOptionMandatory())
    .action(action(status));
  onOne('locate', 'The record of an atendimento opened before it was found (by the CPF told): from now on it is that professional’s')
    .argument('<cpf-or-registration>', 'CPF or registration number of the record')
    .action(action(locate));
  onOne('answer', "Record Implanta's answer").requiredOption('--text <text>', "Implanta's answer").action(action(answer));
  onOne('close', 'Resolve an atendimento, saying what was done').requiredOption('--resolution <text>', 'what was done (required)').action(action(close));
  onOne('attach', 'Add a PNG, JPEG or PDF (10 MB at most) to an atendimento').argument('<file>', 'the file').action(action(attach));
  command('settings', "Implanta's support address and the days before an unanswered atendimento is overdue")
    .option('--implanta-email <address>', "Implanta's support address (empty to clear)")
    .option('--overdue-days <n>', 'days without an answer from Implanta, 1 to 60')
    .action(action(settings));
  onOne('forward', 'Write the e-mail for Implanta (.eml with the attachments) into a folder; an open atendimento becomes forwarded')
    .requiredOption('--out <dir>', 'the folder to write the .eml into')
    .action(action(forward));
  onOne('message', 'A message to the professional from a template: text and phone script, and with --out the .eml to her/his e-mail')
    .addOption(new Option('--template <t>', 'the message').choices(MESSAGE_TEMPLATE_IDS).makeOptionMandatory())
    .option('--out <dir>', 'the folder to write the .eml into')
    .option('--sent', 'record on the timeline that this message went out to the professional (only a template that fits what happened to the record)')
    .action(action(message));
  command('attachment', "Save an attachment's bytes to a file (never over an existing one)")
    .argument('<attachment>', 'the attachment number (contact show lists them)')
    .requiredOption('--out <file>', 'the file to write')
    .action(action(saveAttachment));
};
