// `cress-desk key export --out FILE`: the store's encryption key, written for the council's IT to
// keep apart from the desk (the recovery key: a reinstalled system loses the copy its keystore
// kept). Whoever holds the file reads the store and its backups: the command says so.
import { EXIT, commandGroup, requiredOutputPath, type CliModule } from './types';

export const KEY_WARNING =
  'Whoever holds this file can read the store and its backups: keep it offline, away from this computer (in the council’s safe), and never send it by e-mail.';

export const keyCli: CliModule = (program, action) => {
  const key = commandGroup(program, 'key', "The store's encryption key");
  key
    .command('export')
    .description('Write the recovery key (the key the store is encrypted with) to a new file, for the council’s IT')
    .requiredOption('--out <file>', 'the file to write (never over an existing one)')
    .action(
      action(async (context) => {
        const result = await context.call('settings:exportKey', { path: requiredOutputPath(context, 'FILE') });
        return { result, text: `Recovery key written to ${result.path}.\n${KEY_WARNING}`, exit: EXIT.ok };
      }),
    );
};
