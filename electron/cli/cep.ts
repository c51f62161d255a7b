// `cress-desk cep add`: a CEP the national directory lacks, added to the desk's directory and queued
// for Implanta like a correction. `cep list`: the directory, with where each CEP's change stands at
// Implanta and, for a rejected one, Implanta's reason (`--status rejected`: the ones to look at).
import { Option } from 'commander';
import { CORRECTION_STATUSES, type CorrectionStatus } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { parseTypedCep } from '../../shared/rules/cep';
import { renderers } from './output';
import { EXIT, PAGE_OPTION, REASON_OPTION, commandGroup, optionText, pageOf, type CliModule } from './types';

export const cepCli: CliModule = (program, action) => {
  const group = commandGroup(program, 'cep', "The desk's CEP directory");
  group
    .command('add')
    .description('Add a CEP to the directory (queued for Implanta)')
    .argument('<cep>', 'the CEP, with or without the hyphen')
    .requiredOption('--street <s>', 'the street')
    .requiredOption('--district <d>', 'the district (bairro)')
    .requiredOption('--city <c>', 'the city')
    .requiredOption('--uf <uf>', 'the state (UF)')
    .option(...REASON_OPTION)
    .action(
      action(async (context) => {
        // Typed by a person: seven digits lack one somewhere, and are never padded into another CEP.
        const typed = parseTypedCep(context.args[0] ?? '');
        if (!typed.ok) throw new AppError(typed.code, typed.message, { field: 'cep' });
        const result = await context.call('cep:save', {
          cep: context.args[0] ?? '',
          street: optionText(context, 'street') ?? '',
          district: optionText(context, 'district') ?? '',
          city: optionText(context, 'city') ?? '',
          uf: optionText(context, 'uf') ?? '',
          reason: optionText(context, 'reason') ?? 'CEP cadastrado pela linha de comando',
        });
        return { result, text: renderers.cep(result), exit: EXIT.ok };
      }),
    );
  group
    .command('list')
    .description('The directory by CEP, with where each change stands at Implanta (a rejected one with its reason)')
    .argument('[text]', 'a CEP prefix, or words of the street, district or city')
    .addOption(new Option('--status <s>', "only the CEPs whose newest change is in this status (rejected: Implanta's refusals)").choices(CORRECTION_STATUSES))
    .option(...PAGE_OPTION)
    .action(
      action(async (context) => {
        const result = await context.call('cep:list', {
          text: context.args[0] ?? '',
          ...(context.values.status ? { status: context.values.status as CorrectionStatus } : {}),
          page: pageOf(context),
          pageSize: 100,
        });
        return { result, text: renderers.cepList(result), exit: EXIT.ok };
      }),
    );
};
