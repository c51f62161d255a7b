// `cress-desk key export --out FILE`: the store's encryption key, written for the council's IT to
// keep apart from the desk (the recovery key: a reinstalled system loses the copy its keystore
// kept). Whoever holds the file reads the store and its backups: the command says so.
import { readdirSync, statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { AppError } from '../../shared/errors';
import { EXIT, commandGroup, optionText, requiredOutputPath, type CliContext, type CliModule } from './types';

export const KEY_WARNING =
  'Whoever holds this file can read the store and its backups: keep it offline, away from this computer (in the council’s safe), and never send it by e-mail.';

/**
 * The file to write. A path ending in a slash names a folder: when that folder is not there (a
 * pendrive not mounted), the key must not land in a file named like it on this computer's disk.
 */
function keyOutputPath(context: CliContext): string {
  const path = requiredOutputPath(context, 'FILE');
  const given = optionText(context, 'out') ?? '';
  if (!/[/\\]$/.test(given)) return path;
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    isFolder = false;
  }
  // A folder that is there is refused by the writer, naming it as a folder.
  if (isFolder) return path;
  throw new AppError(
    'EXPORT_DESTINATION',
    `"${path}${sep}" é o nome de uma pasta (termina com uma barra), e essa pasta não existe (um pendrive desconectado?). Informe o nome do arquivo a gravar dentro de uma pasta que existe, por exemplo "chave-de-recuperacao.key". Nada foi gravado.`,
    { details: { path } },
  );
}

/** A backup's name, or a copy for Implanta's (db/backups/names.ts). */
const BACKUP_NAME = /^CRESS\d{2}-(?:DEMONSTRACAO-)?(?:backup|(?:[a-z0-9-]+-)?para-implanta)-\d{8}-\d{6}\.zip$/;

/** The warning when the key lands beside backups: the one who takes the folder (a pendrive) reads them all. */
function besideBackups(folder: string): string | null {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return null;
  }
  if (!names.some((name) => BACKUP_NAME.test(name))) return null;
  return `a pasta "${folder}" tem backups deste banco: quem levar a pasta (ou o pendrive) leva a chave junto com os backups que ela abre. Guarde a chave em outro lugar, longe dos backups, e apague esta cópia.`;
}

export const keyCli: CliModule = (program, action) => {
  const key = commandGroup(program, 'key', "The store's encryption key");
  key
    .command('export')
    .description('Write the recovery key (the key the store is encrypted with) to a new file, for the council’s IT')
    .requiredOption('--out <file>', 'the file to write (never over an existing one)')
    .action(
      action(async (context) => {
        const result = await context.call('settings:exportKey', { path: keyOutputPath(context) });
        const beside = besideBackups(dirname(result.path));
        return { result: beside ? { ...result, warning: beside } : result, text: [`Recovery key written to ${result.path}.`, KEY_WARNING, beside && `Atenção: ${beside}`].filter(Boolean).join('\n'), exit: EXIT.ok };
      }),
    );
};
