// A file or folder the clerk named that the computer will not let the desk use — not there, a
// folder where a file was expected, no permission, a read-only disk —, told in Portuguese and naming
// the path, never in the system's own English words. One place for every reader of a file the clerk
// chose (a spreadsheet to import, Implanta's answer) and every writer of one (a lote's package, an
// export, a backup). The store itself is storeLock.ts's: its read-only answers are STORE_READ_ONLY.
import { closeSync, constants, fstatSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError, type ErrorCode } from '../shared/errors';
import { diskFullError, isDiskFullError } from './storeLock';

/** The code of a failure (ENOENT, EACCES…), or ''. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Did the file system itself refuse (a failed system call), rather than the desk's code? */
function isSystemError(error: unknown): boolean {
  return typeof (error as { syscall?: unknown } | null)?.syscall === 'string';
}

/** Not errnos: what openToRead says of a descriptor that is neither a file nor a folder. */
const NOT_REGULAR = { code: 'NOT_REGULAR' };
const NAMED_PIPE = { code: 'NAMED_PIPE' };

/** Why a file cannot be read, in the clerk's words, naming it (`code`: the system's, e.g. EACCES). */
export function unreadableMessage(path: string, code: string): string {
  switch (code) {
    case 'EISDIR':
      return `"${path}" é uma pasta, não um arquivo. Escolha o arquivo.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `Arquivo não encontrado: ${path}. Confira o caminho e escolha-o novamente.`;
    case 'EACCES':
    case 'EPERM':
      return `Sem permissão para ler o arquivo "${path}": ele pertence a outro usuário do computador ou está protegido. Copie-o para uma pasta sua, ou peça acesso ao suporte de informática, e tente de novo.`;
    case NOT_REGULAR.code:
      return `"${path}" não é um arquivo comum (é um dispositivo do sistema). Escolha o arquivo.`;
    case NAMED_PIPE.code:
      return `"${path}" não é um arquivo comum (é um pipe nomeado (FIFO), que só passa adiante o que outro programa escreve nele). Escolha o arquivo.`;
    default:
      return `Não foi possível ler o arquivo "${path}". Escolha-o novamente.`;
  }
}

/** What to say of a descriptor that is no ordinary file (nor a folder): a named pipe, or a device. */
export function notRegular(found: { isFIFO(): boolean }): { code: string } {
  return found.isFIFO() ? NAMED_PIPE : NOT_REGULAR;
}

/** Whether a failure to open a file says it is not there (ENOENT, or a part of its path is no folder). */
export function isNotFound(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * A file the clerk chose that cannot be read (`error`: what opening or reading it threw), naming
 * it: FILE_NOT_FOUND when it is not there (the user's mistake), FILE_UNREADABLE otherwise.
 */
export function unreadableFile(path: string, error: unknown): AppError {
  return new AppError(isNotFound(error) ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', unreadableMessage(path, codeOf(error)), { details: { path } });
}

const IS_A_FOLDER = { code: 'EISDIR' };

/**
 * Opening to read without waiting: a named pipe nobody writes to opens at once (and is then refused
 * as no ordinary file) instead of holding the desk until someone does. Windows has no such flag.
 */
export const READ_WITHOUT_WAITING = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens a file the clerk chose, to read it: its descriptor and size; FILE_NOT_FOUND when it is not
 * there, FILE_UNREADABLE for a folder, a device (/dev/zero), a named pipe or a file that cannot be opened.
 */
export function openToRead(path: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, READ_WITHOUT_WAITING);
  } catch (error) {
    throw unreadableFile(path, error);
  }
  try {
    const found = fstatSync(fd);
    if (!found.isFile()) throw unreadableFile(path, found.isDirectory() ? IS_A_FOLDER : notRegular(found));
    return { fd, size: found.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isOtherThanFolder(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A folder that refused a new file — read-only, no permission, not there —: an error of `code`
 * naming it; null when the failure is of another kind.
 */
export function folderRefusal(error: unknown, folder: string, code: ErrorCode): AppError | null {
  const notWritable = () => new AppError(code, `A pasta "${folder}" não aceita gravação (somente leitura ou sem permissão). Escolha outra pasta.`, { details: { folder } });
  switch (codeOf(error)) {
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return notWritable();
    case 'ENAMETOOLONG':
      return new AppError(code, nameTooLongMessage(folder), { details: { folder } });
    case 'ENOENT':
    case 'ENOTDIR':
      // A folder that is there and takes no file (/proc, some mounts) answers "no such file" too.
      if (isFolder(folder)) return notWritable();
      // A file where the folder was to be (`notas.txt/relatorio.xlsx`): it is there, as a file.
      if (isOtherThanFolder(folder)) return new AppError(code, `"${folder}" é um arquivo, não uma pasta. Escolha uma pasta.`, { details: { folder } });
      return new AppError(code, `A pasta "${folder}" não existe (um pendrive desconectado?). Escolha outra pasta.`, { details: { folder } });
    default:
      return null;
  }
}

/** A path with a name longer than the file system takes (255 bytes a name, where "ç" takes two), naming it. */
export function nameTooLongMessage(path: string): string {
  return `O caminho "${path}" é longo demais para o sistema de arquivos (um nome de pasta ou de arquivo passa de 255 bytes; letras acentuadas contam em dobro). Escolha um nome mais curto.`;
}

/**
 * A file the clerk asked for that could not be written at `path`, as `code`: a full disk is
 * DISK_FULL, a folder that refused it says so, any other failure of the file system says the file
 * was not written. Anything that is not the file system's (an AppError, a bug) is left as it is.
 */
export function writeRefusal(error: unknown, path: string, code: ErrorCode): unknown {
  if (error instanceof AppError) return error;
  const folder = dirname(path);
  if (isDiskFullError(error, folder)) return diskFullError(folder, 'Nada foi gravado. Ou escolha outra pasta.');
  if (codeOf(error) === 'ENAMETOOLONG') return new AppError(code, `${nameTooLongMessage(path)} Nada foi gravado.`, { details: { path } });
  const refused = folderRefusal(error, folder, code);
  if (refused) return refused;
  if (!isSystemError(error)) return error;
  return new AppError(code, `Não foi possível gravar o arquivo "${path}". Nada foi gravado: escolha outra pasta.`, { details: { path, system: codeOf(error) } });
}
