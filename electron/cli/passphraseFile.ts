// `--passphrase-file F`: the passphrase of a backup or a lote package is the first line of F. What the
// council's IT person may hand instead — no file, an empty one, a folder, a named pipe (which would
// be waited on forever), a device, a file others may read — is refused at once in Portuguese,
// naming the file, as the input's mistake (exit 1). What Notepad adds (a byte-order mark, CRLF, a
// blank line or a note after the first, UTF-16 or Windows-1252 instead of UTF-8) is not part of the
// passphrase: 7-Zip opens the file with the first line typed. A backup or lote an earlier version
// encrypted from such a file, reading it whole as UTF-8, still opens with it (earlierPassphraseReading).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import { OWN_DESCRIPTOR, readBounded } from './boundedRead';
import { requireOwnerOnly } from './signIn';

/** The longest passphrase the desk takes (shared/contract/common.ts). */
const PASSPHRASE_MAX = 1024;
/** A passphrase file is one short line (and perhaps a note): anything larger is another file, and is not read whole. */
const PASSPHRASE_FILE_MAX_BYTES = 64 * 1024;

function refused(message: string, path: string): AppError {
  return new AppError('INPUT_INVALID', message, { details: { path } });
}

/** Why the path cannot be the passphrase's file, before it is opened; null when it is an ordinary file of a passphrase's size. */
function notAPassphraseFile(path: string): AppError | null {
  let found;
  try {
    found = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refused(`O arquivo da senha "${path}" não foi encontrado. Confira o caminho.`, path);
    if (code === 'EACCES' || code === 'EPERM') return refused(`Sem permissão para ler o arquivo da senha "${path}".`, path);
    return refused(`Não foi possível ler o arquivo da senha "${path}".`, path);
  }
  if (found.isDirectory()) return refused(`"${path}" é uma pasta, não o arquivo da senha: informe o arquivo que a guarda.`, path);
  if (!found.isFile()) return refused(`"${path}" não é um arquivo comum (um pipe ou dispositivo): a senha fica na primeira linha de um arquivo de texto.`, path);
  if (found.size > PASSPHRASE_FILE_MAX_BYTES) return refused(`"${path}" é grande demais para ser o arquivo da senha: é outro arquivo. A senha fica na primeira linha de um arquivo de texto.`, path);
  return null;
}

/**
 * The file's text as the editor saved it: UTF-8 (with or without a byte-order mark), "Unicode"
 * (UTF-16, with its mark) or "ANSI" (Windows-1252, what Notepad saved before UTF-8) — so an
 * accented letter is the letter the clerk typed, and the passphrase is the one typed in 7-Zip.
 */
function decoded(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** The passphrase in the file `given` names: its first line. */
export function readPassphraseFile(given: string): string {
  const path = resolve(given);
  const own = OWN_DESCRIPTOR.test(path);
  if (!own) {
    const wrong = notAPassphraseFile(path);
    if (wrong) throw wrong;
    requireOwnerOnly(path, 'da senha');
  }
  let bytes: Buffer;
  try {
    bytes = readBounded(path, PASSPHRASE_FILE_MAX_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw refused(code === 'EACCES' || code === 'EPERM' ? `Sem permissão para ler o arquivo da senha "${path}".` : `Não foi possível ler o arquivo da senha "${path}".`, path);
  }
  if (bytes.length > PASSPHRASE_FILE_MAX_BYTES) throw refused(`"${path}" é grande demais para ser o arquivo da senha: é outro arquivo. A senha fica na primeira linha de um arquivo de texto.`, path);
  const text = decoded(bytes);
  if (text.includes('\u0000')) throw refused(`O arquivo da senha "${path}" não é um arquivo de texto: a senha fica na primeira linha de um arquivo de texto.`, path);
  if (text.trim() === '') throw refused(`O arquivo da senha "${path}" está vazio: escreva a senha na primeira linha.`, path);
  const first = text.split(/\r?\n/)[0] ?? '';
  if (first === '') throw refused(`A primeira linha do arquivo da senha "${path}" está vazia: a senha fica na primeira linha.`, path);
  if (first.length > PASSPHRASE_MAX) throw refused(`A senha no arquivo "${path}" tem mais de ${PASSPHRASE_MAX} caracteres: não é uma senha. Confira o arquivo.`, path);
  return first;
}

/**
 * The passphrase as versions of the desk before this one read the same file: all of it as UTF-8
 * (a byte-order mark, a second line, Windows-1252 letters as U+FFFD were part of it), one line
 * break at its end dropped. A backup or a lote they encrypted with such a file opens with it; null
 * when that reading is the one `readPassphraseFile` gives, or the file is a pipe read already.
 */
export function earlierPassphraseReading(given: string, current: string): string | null {
  const path = resolve(given);
  if (OWN_DESCRIPTOR.test(path)) return null;
  try {
    const earlier = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
    return earlier !== '' && earlier !== current && earlier.length <= PASSPHRASE_MAX ? earlier : null;
  } catch {
    return null;
  }
}
