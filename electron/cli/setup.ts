// `cress-desk info | init | demo`: where the store is and what it holds, setting a desk up for its
// CRESS region, and synthetic professionals to try it — the commands a new desk starts with.
import { AppError } from '../../shared/errors';
import { renderers } from './output';
import { ADMIN_PIN_FILE_ENV, PIN_FILE_ENV, pinFromFile, readPin } from './signIn';
import { EXIT, UsageError, optionText, wholeNumber, wholeNumberIn, type CliModule } from './types';

export const setupCli: CliModule = (program, action) => {
  program
    .command('info')
    .description('Store location, versions, the desk and how many professionals')
    .action(action(async (context) => {
      const result = await context.call('app:info', {});
      return { result, text: renderers.info(result), exit: EXIT.ok };
    }));

  program
    .command('init')
    .description('Set up this desk for a CRESS region (1-27)')
    .requiredOption('--region <n>', 'the CRESS region, 1 to 27')
    .option('--seccional <s>', 'the seccional, when the desk is not at the seat')
    .option('--pin-file <file>', `the first operator's PIN, 4 to 8 digits (mode 0600; default: ${PIN_FILE_ENV}, else asked)`)
    .addHelpText('after', `\nThe first operator is --operator NAME. The council's admin PIN, which resets a forgotten PIN, is read from ${ADMIN_PIN_FILE_ENV} when set.`)
    .action(action(async (context) => {
      const region = wholeNumberIn(context.values.region, 'region', 1, 27) ?? 0;
      const operator = optionText(context, 'operator');
      if (operator === undefined) throw new UsageError('init needs --operator NAME: the first operator of the desk');
      if (operator.trim().length < 2 || operator.trim().length > 80) throw new AppError('INPUT_INVALID', `O nome do operador precisa ter de 2 a 80 caracteres (tem ${operator.trim().length}).`);
      const pinFile = optionText(context, 'pinFile');
      const pin = pinFile !== undefined ? pinFromFile(pinFile, 'PIN') : await readPin(context.env, PIN_FILE_ENV, 'PIN', `PIN de ${operator} (4 a 8 algarismos): `);
      const adminFile = context.env[ADMIN_PIN_FILE_ENV];
      const result = await context
        .call('settings:setup', {
          region,
          operator,
          pin,
          ...(adminFile ? { adminPin: pinFromFile(adminFile, 'PIN de administrador') } : {}),
          seccional: optionText(context, 'seccional') ?? null,
        })
        .catch((error: unknown) => {
          if (!(error instanceof AppError) || error.code !== 'ALREADY_SET_UP') throw error;
          throw new AppError('ALREADY_SET_UP', `${error.message} Pela linha de comando, um novo operador entra com cress-desk operator add NOME.`);
        });
      return { result, text: renderers.settings(result), exit: EXIT.ok };
    }));

  program
    .command('demo')
    .description('Add N synthetic professionals')
    .requiredOption('--professionals <n>', 'how many')
    .option('--seed <s>', 'a whole number: the same seed gives the same people')
    .action(action(async (context) => {
      const result = await context.call('registry:demo', {
        count: wholeNumberIn(context.values.professionals, 'professionals', 1, 500_000) ?? 0,
        seed: wholeNumber(context.values.seed, 'seed') ?? Date.now() % 100_000,
      });
      return { result, text: renderers.demo(result), exit: EXIT.ok };
    }));
};
