// `cress-desk correct | corrections …`: one field of a professional corrected at the counter, the
// queue of corrections for Implanta, and taking one back (cancel) or closing a rejection (dismiss).
import { Option } from 'commander';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { parseDateBr, todayIso } from '../../shared/rules/dates';
import { renderers } from './output';
import { EXIT, commandGroup, optionText, wholeNumber, type CliContext, type CliModule, type CommandOutcome } from './types';

const ARRIVALS = ['in_person', 'post'] as const;

async function correct(context: CliContext): Promise<CommandOutcome> {
  const [key = ''] = context.args;
  const professional = await context.call('registry:find', { key: key.trim() });
  if (!professional) throw new AppError('PROFESSIONAL_NOT_FOUND', `Nenhum cadastro com CPF ou registro ${key}.`);
  const evidenceDate = optionText(context, 'evidenceDate');
  let date = todayIso();
  if (evidenceDate !== undefined) {
    const parsed = parseDateBr(evidenceDate);
    if (!parsed.ok) throw new AppError('DATE_INVALID', parsed.message, { field: 'evidenceDate' });
    date = parsed.value;
  }
  const result = await context.call('corrections:save', {
    professionalId: professional.id,
    expectedRowVersion: professional.rowVersion,
    changes: { [optionText(context, 'field') ?? '']: optionText(context, 'value') ?? '' },
    reason: optionText(context, 'reason') ?? '',
    evidence: { kind: optionText(context, 'evidence') ?? 'Não informado', arrival: context.values.arrival as (typeof ARRIVALS)[number], date },
    dipAcknowledged: context.values.acceptDip === true,
  });
  return { result, text: renderers.corrections(result), exit: EXIT.ok };
}

async function list(context: CliContext): Promise<CommandOutcome> {
  const result = await context.call('corrections:list', {
    status: context.values.status as CorrectionStatus | undefined,
    field: optionText(context, 'field'),
    operator: optionText(context, 'operator'),
    page: wholeNumber(context.values.page, 'page') ?? 0,
  });
  return { result, text: renderers.queue(result), exit: EXIT.ok };
}

async function cancel(context: CliContext): Promise<CommandOutcome> {
  const [uuid = ''] = context.args;
  const result = await context.call('corrections:cancel', { uuid, reason: optionText(context, 'reason') ?? '' });
  return { result, text: renderers.cancelled(result), exit: EXIT.ok };
}

async function dismiss(context: CliContext): Promise<CommandOutcome> {
  const [uuid = ''] = context.args;
  const result = await context.call('corrections:dismissRejection', { uuid, reason: optionText(context, 'reason') ?? '' });
  return { result, text: renderers.dismissed(result), exit: EXIT.ok };
}

export const correctionsCli: CliModule = (program, action) => {
  program
    .command('correct')
    .description('Correct one field of a professional')
    .argument('<cpf-or-registration>', 'CPF or registration number')
    .requiredOption('--field <f>', 'a field of the catalogue: email, cep, motherName, motherNotListed, name, maritalStatus, …')
    .requiredOption('--value <v>', 'the new value')
    .requiredOption('--reason <r>', 'why (recorded in the audit trail)')
    .option('--evidence <text>', 'the document shown (default: Não informado)')
    .addOption(new Option('--arrival <how>', 'how the evidence arrived').choices(ARRIVALS).default('in_person'))
    .option('--evidence-date <dd/mm/aaaa>', "the evidence's date (default: today)")
    .option('--accept-dip', 'go ahead when the correction affects a DIP request or card')
    .action(action(correct));

  const corrections = commandGroup(program, 'corrections', 'The queue of corrections for Implanta');
  corrections
    .command('list')
    .description('Corrections, newest first')
    .addOption(new Option('--status <s>', 'only this status').choices(CORRECTION_STATUSES))
    .option('--field <f>', 'only this field')
    .option('--operator <o>', 'only this operator')
    .option('--page <n>', 'the page of results, from 0')
    .action(action(list));
  corrections
    .command('cancel')
    .description('Cancel a correction not yet in a sealed lote (the record goes back to the previous value)')
    .argument('<id>', 'the correction (its UUID)')
    .requiredOption('--reason <r>', 'why (recorded in the audit trail)')
    .action(action(cancel));
  corrections
    .command('dismiss')
    .description('Close a rejection from Implanta without correcting again')
    .argument('<id>', 'the correction (its UUID)')
    .requiredOption('--reason <r>', 'why (recorded in the audit trail)')
    .action(action(dismiss));
};
