// `cress-desk correct | corrections …`: one or several fields of a professional corrected at the
// counter as one correction, the queue of corrections for Implanta, and taking one back (cancel) or
// closing a rejection (dismiss).
import { Option } from 'commander';
import { CORRECTION_STATUSES, EVIDENCE_ARRIVALS, type CorrectionStatus, type EvidenceArrival } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { MOTHER_FACT_FIELD } from '../../shared/fields';
import { parseDateBr, todayIso } from '../../shared/rules/dates';
import { EVIDENCE_MESSAGES, evidenceProblem, isFutureEvidenceDate, isPlaceholderEvidence } from '../../shared/rules/evidence';
import { pendenciesOnFields, recordPendencies } from '../../shared/rules/pendencies';
import { contactProtocol } from './contactRefs';
import { changesFromOptions, collect, requireFieldName } from './correctionChanges';
import { renderers } from './output';
import { saveOnLatest } from './saveOnLatest';
import { EXIT, PAGE_OPTION, pageOf, REASON_OPTION, commandGroup, commandsOf, optionText, type CliContext, type CliModule, type CommandOutcome } from './types';

/** What a correction of data other than identification records when no document is named. */
const NO_EVIDENCE = 'Não informado';

/** The evidence date: today unless --evidence-date says otherwise; never a day still to come. */
function evidenceDateOf(context: CliContext): string {
  const typed = optionText(context, 'evidenceDate');
  if (typed === undefined) return todayIso();
  const parsed = parseDateBr(typed);
  if (!parsed.ok) throw new AppError('DATE_INVALID', `--evidence-date: ${parsed.message}`, { field: 'evidenceDate' });
  if (isFutureEvidenceDate(parsed.value, todayIso())) throw new AppError('DATE_INVALID', `--evidence-date: ${EVIDENCE_MESSAGES.futureDate}`, { field: 'evidenceDate' });
  return parsed.value;
}

async function correct(context: CliContext): Promise<CommandOutcome> {
  const [key = ''] = context.args;
  const changes = changesFromOptions({
    set: context.values.set as string[] | undefined,
    field: optionText(context, 'field'),
    value: optionText(context, 'value'),
  });
  const evidence = optionText(context, 'evidence');
  // Said before anything is looked up, naming the option (the store refuses it too).
  const arrival = context.values.arrival as EvidenceArrival;
  const noEvidence = evidenceProblem(Object.keys(changes), evidence, arrival);
  if (noEvidence) throw new AppError('EVIDENCE_REQUIRED', `${isPlaceholderEvidence(evidence) ? '--evidence' : '--arrival'}: ${noEvidence}`, { field: 'evidence' });
  const date = evidenceDateOf(context);
  const professional = await context.call('registry:find', { key: key.trim() });
  if (!professional) throw new AppError('PROFESSIONAL_NOT_FOUND', `Nenhum cadastro com CPF ou registro ${key}.`);
  // The atendimento by its protocol (an unknown one is refused before anything is written).
  const protocol = optionText(context, 'contact');
  // Named as every `contact` command names it: its protocol, or its number when it is of this year.
  const contact = protocol === undefined ? null : await context.call('contacts:get', { id: await contactProtocol(context, protocol) });
  const result = await saveOnLatest(context, professional, Object.keys(changes), (rowVersion) =>
    context.call('corrections:save', {
      professionalId: professional.id,
      expectedRowVersion: rowVersion,
      changes,
      reason: optionText(context, 'reason') ?? '',
      evidence: { kind: evidence ?? NO_EVIDENCE, arrival, date },
      dipAcknowledged: context.values.acceptDip === true,
      ...(contact ? { contactId: contact.id } : {}),
    }),
  );
  const linked = contact ? `\nLinked to atendimento ${contact.protocol}.` : '';
  const toCheck = await pendenciesOfChanged(context, key.trim(), Object.keys(changes));
  const warnings = toCheck.map((p) => `\nCheck before the batch: ${p.message}`).join('');
  return { result: toCheck.length > 0 ? { ...result, warnings: toCheck } : result, text: `${renderers.corrections(result)}${linked}${warnings}`, exit: EXIT.ok };
}

/**
 * What the window's form warns about before saving — a misspelt e-mail provider, a município
 * outside its UF, a name that looks incomplete — said after the save here (the command has no form):
 * the record's pendências on the fields just corrected, or decided by them (a UF makes a município wrong).
 */
async function pendenciesOfChanged(context: CliContext, key: string, fields: string[]): Promise<{ field: string | null; message: string; suggestion?: string }[]> {
  const saved = await context.call('registry:find', { key });
  if (!saved) return [];
  return pendenciesOnFields(recordPendencies(saved, { today: todayIso() }), fields)
    .map(({ field, message, suggestion }) => ({ field, message, ...(suggestion ? { suggestion } : {}) }));
}

async function list(context: CliContext): Promise<CommandOutcome> {
  // `mother` also names the corrections of the mother fact (name and flag together).
  const field = optionText(context, 'field')?.trim();
  if (field !== undefined && field !== MOTHER_FACT_FIELD) requireFieldName('--field', field);
  const result = await context.call('corrections:list', {
    status: context.values.status as CorrectionStatus | undefined,
    field,
    operator: optionText(context, 'operator'),
    page: pageOf(context),
  });
  return { result, text: renderers.queue(result), exit: EXIT.ok };
}

/** The correction's id as `corrections list` prints it; anything else is refused saying where to find it. */
function correctionId(context: CliContext): string {
  const typed = (context.args[0] ?? '').trim();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(typed)) {
    throw new AppError('INPUT_INVALID', `"${typed}" não é o id de uma correção: copie o id (um UUID) da coluna Id de cress-desk corrections list.`);
  }
  return typed.toLowerCase();
}

async function cancel(context: CliContext): Promise<CommandOutcome> {
  const uuid = correctionId(context);
  const result = await context.call('corrections:cancel', { uuid, reason: optionText(context, 'reason') ?? '' });
  return { result, text: renderers.cancelled(result), exit: EXIT.ok };
}

async function dismiss(context: CliContext): Promise<CommandOutcome> {
  const uuid = correctionId(context);
  const result = await context.call('corrections:dismissRejection', { uuid, reason: optionText(context, 'reason') ?? '' });
  return { result, text: renderers.dismissed(result), exit: EXIT.ok };
}

export const correctionsCli: CliModule = (program, action) => {
  program
    .command('correct')
    .description('Correct one or several fields of a professional, as one correction')
    .argument('<cpf-or-registration>', 'CPF or registration number')
    .option('--set <field=value>', 'a field of the catalogue and its new value (repeatable: all are saved together), e.g. --set cep=20040-020 --set uf=RJ', collect)
    .option('--field <f>', 'one field of the catalogue: email, cep, motherName, motherNotListed, name, maritalStatus, …')
    .option('--value <v>', 'the new value of --field')
    .requiredOption(...REASON_OPTION)
    .option('--evidence <text>', 'the document shown; required for identification data (name, filiação, marital status, birth date and place, nationality, CPF, RG), otherwise default: Não informado')
    .addOption(
      new Option('--arrival <how>', 'how the evidence arrived: in_person (shown at the desk), post, email (received by e-mail) or phone (told over the phone)')
        .choices(EVIDENCE_ARRIVALS)
        .default('in_person'),
    )
    .option('--evidence-date <dd/mm/aaaa>', "the evidence's date, not in the future (default: today)")
    .option('--accept-dip', 'go ahead when the correction affects a DIP request or card')
    .option('--contact <protocol>', 'the atendimento (AT-2026-000001, or its number when it is of this year; not resolved, of this professional) the correction deals with: linked to it')
    .action(action(correct));

  const command = commandsOf(commandGroup(program, 'corrections', 'The queue of corrections for Implanta'));
  /** A command about one correction, with its reason. */
  const onOne = (name: string, description: string) => command(name, description).argument('<id>', 'the correction (its UUID)').requiredOption(...REASON_OPTION);
  command('list', 'Corrections, newest first')
    .addOption(new Option('--status <s>', 'only this status').choices(CORRECTION_STATUSES))
    .option('--field <f>', 'only this field')
    .option('--operator <o>', 'only this operator')
    .option(...PAGE_OPTION)
    .action(action(list));
  onOne('cancel', 'Cancel a correction not yet in a sealed lote (the record goes back to the previous value)').action(action(cancel));
  onOne('dismiss', 'Close a rejection from Implanta without correcting again').action(action(dismiss));
};
