// `cress-desk info | init | demo`: where the store is and what it holds, setting a desk up for its
// CRESS region, and synthetic professionals to try it — the commands a new desk starts with.
import { renderers } from './output';
import { EXIT, optionText, wholeNumber, type CliModule } from './types';

export const setupCli: CliModule = (program, action) => {
  program
    .command('info')
    .description('Store location, versions and size')
    .action(action(async (context) => {
      const result = await context.call('app:info', {});
      return { result, text: renderers.info(result), exit: EXIT.ok };
    }));

  program
    .command('init')
    .description('Set up this desk for a CRESS region (1-27)')
    .requiredOption('--region <n>', 'the CRESS region, 1 to 27')
    .requiredOption('--operator <name>', 'who works at this desk')
    .option('--seccional <s>', 'the seccional, when the desk is not at the seat')
    .action(action(async (context) => {
      const result = await context.call('settings:setup', {
        region: wholeNumber(context.values.region, 'region') ?? 0,
        operator: optionText(context, 'operator') ?? '',
        seccional: optionText(context, 'seccional') ?? null,
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
        count: wholeNumber(context.values.professionals, 'professionals') ?? 0,
        seed: wholeNumber(context.values.seed, 'seed') ?? Date.now() % 100_000,
      });
      return { result, text: renderers.demo(result), exit: EXIT.ok };
    }));
};
