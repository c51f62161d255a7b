// File-system failures of backups, turned into messages the clerk can act on.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError } from '../../shared/errors';
import { folderRefusal } from '../fileRefusals';
import { FinalNameTakenError, isPartialName, ZipError } from '../packaging';
import { diskFullError, isDiskFullError } from '../storeLock';

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/**
 * The file being written under its temporary name is gone while its folder is there: the pendrive
 * was pulled out and plugged in again, or someone removed the file — not a folder that takes no files.
 */
function partialVanished(error: unknown, folder: string): boolean {
  const path = (error as NodeJS.ErrnoException | null)?.path;
  if (codeOf(error) !== 'ENOENT' || typeof path !== 'string' || !isPartialName(basename(path))) return false;
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Disk full (DISK_FULL), read-only or missing folder, no permission: an AppError naming the folder;
 * anything else unchanged. `written`: the file was whole under its temporary name when this failed
 * (creating a file in a folder that takes none, /proc or some mounts, answers "no such file" too).
 */
export function destinationError(error: unknown, folder: string, written = false): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof FinalNameTakenError) {
    return new AppError(
      'BACKUP_DESTINATION',
      `Um arquivo com o mesmo nome apareceu em "${folder}" enquanto este backup era feito (outro backup no mesmo segundo?); nada foi substituído. Este backup não foi gravado: tente de novo.`,
      { details: { folder } },
    );
  }
  if (written && partialVanished(error, folder)) {
    return new AppError(
      'BACKUP_DESTINATION',
      `O arquivo do backup que estava sendo gravado em "${folder}" sumiu antes de terminar (o pendrive foi desconectado e conectado de novo, ou o arquivo foi apagado): o backup não foi gravado. Confira o pendrive e tente de novo.`,
      { details: { folder } },
    );
  }
  // Also SQLite's SQLITE_FULL: the snapshot is a database written by SQLite.
  if (isDiskFullError(error, folder)) return diskFullError(folder, 'Ou escolha outra pasta. Nenhum arquivo incompleto ficou na pasta.');
  switch (codeOf(error)) {
    case 'EFBIG':
      return new AppError(
        'BACKUP_DISK_FULL',
        `O backup não coube em "${folder}": o disco ou o sistema de arquivos não aceita um arquivo deste tamanho (pendrives em FAT32 aceitam até 4 GB). Escolha outra pasta.`,
        { details: { folder } },
      );
    default:
      // Read-only, no permission, not there (db/fileRefusals.ts, as for every file the clerk asks for).
      return folderRefusal(error, folder, 'BACKUP_DESTINATION') ?? error;
  }
}

/** A backup file that cannot be opened as a zip, or a wrong passphrase. */
export function zipOpenError(error: unknown, file: string): unknown {
  if (!(error instanceof ZipError)) {
    if (codeOf(error) === 'ENOENT') return new AppError('BACKUP_NOT_FOUND', `O arquivo "${file}" não foi encontrado.`, { details: { file } });
    if (codeOf(error) === 'EISDIR') return new AppError('BACKUP_NOT_FOUND', `"${file}" é uma pasta, não um arquivo de backup.`, { details: { file } });
    return error;
  }
  if (error.code === 'ZIP_PASSWORD_REQUIRED') {
    return new AppError('BACKUP_PASSPHRASE_REQUIRED', 'Este backup está protegido por senha: informe a senha usada ao criá-lo.', { details: { file } });
  }
  if (error.code === 'ZIP_PASSWORD_WRONG') {
    return new AppError('BACKUP_PASSPHRASE_WRONG', 'Senha incorreta: este backup não abre com a senha informada. Sem a senha certa, não há como recuperar o conteúdo.', {
      details: { file },
    });
  }
  return error;
}

/**
 * A zip the reader refused, as a backup problem the clerk can act on: a file cut short or damaged
 * is almost always a copy that did not finish (a pendrive pulled out too soon).
 */
export function backupZipProblem(error: ZipError): { code: string; message: string; path?: string } {
  // The file in the bag, for the details (the sentence itself stays free of zip words).
  const path = error.entry?.includes('/') ? error.entry.slice(error.entry.indexOf('/') + 1) : undefined;
  return { ...wordsOf(error), ...(path ? { path } : {}) };
}

function wordsOf(error: ZipError): { code: string; message: string } {
  switch (error.code) {
    case 'ZIP_NOT_A_ZIP':
    case 'ZIP_TRUNCATED':
      return { code: error.code, message: 'O arquivo está incompleto — copie de novo do pendrive (ou da pasta de onde veio) e verifique outra vez. Se ele não for um backup do CRESS Desk, escolha o arquivo certo.' };
    case 'ZIP_CORRUPT':
    case 'ZIP_CRC_MISMATCH':
    case 'ZIP_AUTH_FAILED':
      return { code: error.code, message: 'O arquivo está danificado — copie de novo do pendrive (ou da pasta de onde veio) e verifique outra vez. Se o erro continuar, use outro backup.' };
    default:
      return { code: error.code, message: error.message };
  }
}

/**
 * A lote package for Implanta carries its corrections and summary, never the store: it is chosen by
 * mistake for a backup. Its own code, so the window and the terminal can send the clerk to Lotes.
 */
export function batchPackageProblem(paths: string[]): { code: string; message: string } | null {
  if (paths.includes('data/cress-desk.sqlite')) return null;
  if (!paths.some((path) => path === 'data/summary.json' || /^data\/(corrections|cep-changes|dip-requests)\./.test(path))) return null;
  return {
    code: 'LOTE_PACKAGE',
    message:
      'Este arquivo é um pacote de lote para a Implanta, não um backup do CRESS Desk: escolha um arquivo de backup (o nome tem "backup"). Os lotes e seus pacotes ficam na tela Lotes.',
  };
}

/**
 * A zip that holds no backup's bag, told for what it is (`names`: every entry of the zip): a zip of
 * other files (no bagit.txt, no database anywhere) is not a backup; a backup's files loose at the
 * zip's top, without the folder that holds them (a zip made again from the folder's contents), is
 * said so in one problem, never as files missing. Null when the zip looks like a backup's.
 */
export function otherZipProblem(names: string[]): { code: string; message: string } | null {
  const atTop = (name: string) => names.includes(name);
  if (atTop('bagit.txt') || atTop('bag-info.txt') || atTop('data/cress-desk.sqlite')) {
    return {
      code: 'BAG_ROOT',
      message:
        'Os arquivos do backup estão soltos no zip, fora da pasta que os guarda: o zip foi refeito com o conteúdo da pasta, e não com a pasta. Use o arquivo original do backup (ou compacte a pasta inteira, com o nome dela) e verifique outra vez.',
    };
  }
  // The bag one folder down or more (`X/X/bagit.txt`): Windows' "Extrair tudo" puts the bag's folder
  // inside one of the zip's name, and that outer folder was zipped again.
  const nested = names.find((name) => /^[^/]+\/[^/]+\/(?:.+\/)?bagit\.txt$/.test(name));
  if (nested && !names.some((name) => /^[^/]+\/bagit\.txt$/.test(name))) {
    return {
      code: 'BAG_ROOT',
      message: `Os arquivos do backup estão numa pasta dentro de outra pasta ("${nested.slice(0, -'bagit.txt'.length)}"): o zip foi refeito com a pasta em que o backup foi extraído. Use o arquivo original do backup (ou compacte só a pasta de dentro) e verifique outra vez.`,
    };
  }
  const file = (name: string) => name.slice(name.lastIndexOf('/') + 1);
  if (names.some((name) => file(name) === 'bagit.txt' || file(name) === 'cress-desk.sqlite')) return null;
  const some = names.filter((name) => !name.endsWith('/')).slice(0, 3);
  return {
    code: 'NOT_A_BACKUP',
    message: `Este arquivo não é um backup do CRESS Desk: é um zip de outros arquivos${some.length > 0 ? ` (${some.map((n) => `"${n}"`).join(', ')}${names.length > 3 ? '…' : ''})` : ''}, sem o banco de dados nem a descrição de um backup. Escolha o arquivo do backup: o nome tem "backup" e termina em .zip.`,
  };
}

/** Whether a file starts as every zip does (a copy cut short still does; a text or PDF does not). */
export function startsAsZip(path: string): boolean {
  let fd: number | null = null;
  try {
    // Only a regular file is opened: a named pipe would wait for a writer forever.
    if (!statSync(path).isFile()) return true;
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } catch {
    return true;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** The end record of a zip: its signature, then 18 bytes, the last two the comment's length. */
const END_RECORD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const END_RECORD_SIZE = 22;

/**
 * Whether a zip's end record is there but not at the end of the file: bytes were added after it
 * (a copy or a download that appended data), the file is not cut short.
 */
export function hasBytesAfterEnd(path: string): boolean {
  let fd: number | null = null;
  try {
    const found = statSync(path);
    if (!found.isFile()) return false;
    const size = found.size;
    const length = Math.min(size, END_RECORD_SIZE + 0xffff + 64 * 1024);
    const tail = Buffer.alloc(length);
    fd = openSync(path, 'r');
    readSync(fd, tail, 0, length, size - length);
    for (let at = tail.lastIndexOf(END_RECORD); at >= 0; at = at === 0 ? -1 : tail.lastIndexOf(END_RECORD, at - 1)) {
      if (at + END_RECORD_SIZE > length) continue;
      const end = at + END_RECORD_SIZE + tail.readUInt16LE(at + 20);
      if (end < length) return true;
    }
    return false;
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export const BYTES_AFTER_END_PROBLEM = {
  code: 'ZIP_TRAILING_BYTES',
  message:
    'O arquivo tem bytes a mais depois do fim do zip (uma cópia ou um download que acrescentou dados ao arquivo): ele não foi aceito assim. Copie de novo o backup original (do pendrive ou da pasta de onde veio) e verifique outra vez.',
};

/** A file that is no zip at all: not a backup copied badly, but another file. */
/** A device or a named pipe given as the backup (`/dev/zero`, a fifo): refused by what it is, never read. */
export function notAFileProblem(file: string, kind: string): { code: string; message: string } {
  return { code: 'NOT_A_FILE', message: `"${file}" não é um arquivo comum (é ${kind}), não um backup. Escolha o arquivo do backup: o nome tem "backup" e termina em .zip.` };
}

export const NOT_A_ZIP_PROBLEM = {
  code: 'ZIP_NOT_A_ZIP',
  message: 'Este arquivo não é um backup do CRESS Desk (não é um arquivo zip). Escolha o arquivo do backup: o nome tem "backup" e termina em .zip.',
};
