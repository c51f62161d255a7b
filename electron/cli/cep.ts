// `cress-desk cep add`: a CEP the national directory lacks, added to the desk's directory and queued
// for Implanta like a correction.
import { AppError } from '../../shared/errors';
import { parseTypedCep } from '../../shared/rules/cep';
import { renderers } from './output';
import { EXIT, REASON_OPTION, commandGroup, optionText, type CliModule } from './types';

export const cepCli: CliModule = (program, action) => {
  commandGroup(program, 'cep', "The desk's CEP directory")
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
};
