// An import reads a private copy of the chosen file, hashed while it is copied: the SHA-256 it
// records is the one of the very bytes its rows came from, whatever happens to the original. Before
// anything is committed the original is hashed again; a file saved again during the copy, during
// the import, or since the clerk saw it (inspect/preview) is refused and nothing is written —
// never half of one version and half of the other. The copy is 0600 in a 0700 folder of its own,
// removed when the import ends, and encrypted with a key held in memory only (db/positionalFiles.ts):
// a copy a killed import leaves in the temporary folder reveals nothing, and the next import (or the
// next start of the app or the browser host) removes it at once, its process being gone.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdtempSync, readSync, rmSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { PRIVATE_FILE } from '../../fileModes';
import { ownerTag, removeLeftovers } from '../../leftovers';
import { openToRead } from '../../fileRefusals';
import { createEncryptedFile, openEncryptedFile, type FileKey, type PositionalFile } from '../../positionalFiles';
import { diskFullError, isDiskFullError } from '../../storeLock';
import { fileSha256 } from '../sheets';
import { DEFAULT_LIMITS, FILE_MESSAGES, unsafe, type ReaderLimits } from './limits';
import { openSpreadsheet } from './open';
import type { SpreadsheetSource } from './source';

const CHUNK = 1024 * 1024;
const FOLDER_PREFIX = 'cress-desk-import-';
/**
 * The folders of imports killed outright (db/leftovers.ts): `cress-desk-import-<pid>-<start>-XXXXXX`,
 * removed as soon as that process is gone (only it ever reads its copy); an older version's
 * `cress-desk-import-XXXXXX`, which names no process, once untouched for 15 minutes.
 */
const LEFT_BEHIND = {
  named: /^cress-desk-import-(\d+)-(\d+)-[^-]+$/,
  unnamed: /^cress-desk-import-[^-]+$/,
  unnamedAfterMs: 15 * 60_000,
  namedAfterMs: 0,
  directory: true,
};

/**
 * Removes the copies imports left when their process ended without finishing them (killed, or a
 * program stopped while an import ran): at the next import, and when the app or the browser host
 * starts, so a stopped desk does not keep a spreadsheet-sized file in the temporary folder.
 */
export function removeAbandonedCopies(): void {
  removeLeftovers(tmpdir(), LEFT_BEHIND);
}

export interface PrivateCopy {
  /** The copy, opened for the readers (in the clear for them, encrypted on disk). */
  open(): PositionalFile;
  /** SHA-256 of the copy: of what the import reads. */
  readonly sha256: string;
  readonly size: number;
  /** Throws FILE_CHANGED when the original no longer holds the bytes copied (call it before committing). */
  assertUnchanged(): void;
  /** Removes the copy (idempotent). */
  discard(): void;
}

/** The original was saved again while (or after) the import read it. */
export function changedWhileImported(fileName: string): AppError {
  return new AppError(
    'FILE_CHANGED',
    `A planilha “${fileName}” foi alterada enquanto era importada: nada foi gravado. Espere o Excel ou o LibreOffice terminar de salvá-la (ou feche-a) e importe de novo.`,
  );
}

/** A file the system writes as it is read (/proc, /sys): no size of its own, never a saved spreadsheet. */
function generatedFileError(path: string): AppError {
  return new AppError('FILE_UNREADABLE', `"${path}" não é um arquivo comum (o sistema o gera ao ser lido, sem tamanho gravado): não é uma planilha salva. Escolha o arquivo.`, { details: { path } });
}

/** The file is not the one the clerk inspected and previewed. */
export function changedSincePreview(fileName: string): AppError {
  return new AppError(
    'FILE_CHANGED',
    `A planilha “${fileName}” foi alterada depois que o CRESS Desk a abriu, e o conteúdo já não é o da prévia. Nada foi gravado. Escolha o arquivo de novo para conferir a versão atual.`,
  );
}

const sameFile = (a: Stats, b: Stats) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;

/**
 * Copies `original` (as `fileName` to the clerk) to a private temporary file, hashing it on the
 * way; refuses it when it changes during the copy or does not have `expectedSha256`.
 */
export function privateCopy(original: string, fileName: string, expectedSha256: string | null = null, limits: ReaderLimits = DEFAULT_LIMITS): PrivateCopy {
  const { fd: source } = openToRead(original); // a missing file: FILE_NOT_FOUND; a folder or one this user may not read: FILE_UNREADABLE
  let folder: string | null = null;
  const discard = () => {
    if (folder !== null) rmSync(folder, { recursive: true, force: true });
  };
  let path: string;
  let fileKey: FileKey;
  const hash = createHash('sha256');
  let size = 0;
  try {
    const before = fstatSync(source);
    // A file too large to import is refused before it is copied.
    if (before.size > limits.maxFileBytes) throw unsafe(FILE_MESSAGES.tooLarge(Math.ceil(before.size / 1048576), Math.floor(limits.maxFileBytes / 1048576)));
    removeAbandonedCopies();
    folder = mkdtempSync(join(tmpdir(), `${FOLDER_PREFIX}${ownerTag()}-`));
    path = join(folder, 'planilha');
    const target = createEncryptedFile(path, PRIVATE_FILE);
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      for (;;) {
        const n = readSync(source, buffer, 0, CHUNK, null);
        if (n === 0) break;
        // Bytes from a file that says it holds none: one the system makes as it is read (/proc), no spreadsheet saved on disk.
        if (before.size === 0) throw generatedFileError(original);
        size += n;
        // Growing past what it measured at the start: being written right now.
        if (size > before.size) throw changedWhileImported(fileName);
        hash.update(buffer.subarray(0, n));
        target.write(buffer.subarray(0, n));
      }
    } finally {
      fileKey = target.close();
    }
    if (size !== before.size || !sameFile(before, fstatSync(source))) throw changedWhileImported(fileName);
  } catch (error) {
    discard();
    if (isDiskFullError(error)) throw diskFullError(tmpdir(), 'Nada foi gravado: a importação lê uma cópia da planilha feita nessa pasta.');
    throw error;
  } finally {
    closeSync(source);
  }
  const sha256 = hash.digest('hex');
  if (expectedSha256 !== null && expectedSha256 !== sha256) {
    discard();
    throw changedSincePreview(fileName);
  }
  return {
    open: () => openEncryptedFile(path, fileKey),
    sha256,
    size,
    assertUnchanged() {
      let now: string;
      try {
        now = fileSha256(original);
      } catch {
        throw changedWhileImported(fileName);
      }
      if (now !== sha256) throw changedWhileImported(fileName);
    },
    discard,
  };
}

/** A spreadsheet read from its private copy: the source, the copy's SHA-256, and the check before a commit. */
export interface CopiedSpreadsheet extends SpreadsheetSource {
  readonly sha256: string;
  readonly size: number;
  /** Throws FILE_CHANGED when the original changed since it was copied. */
  assertUnchanged(): void;
}

/** `openSpreadsheet` on a private copy of `original`; closing it removes the copy. */
export function openCopied(original: string, fileName: string, expectedSha256: string | null = null, limits: ReaderLimits = DEFAULT_LIMITS): CopiedSpreadsheet {
  const copy = privateCopy(original, fileName, expectedSha256, limits);
  let source: SpreadsheetSource;
  try {
    source = openSpreadsheet(copy.open(), fileName, limits);
  } catch (error) {
    copy.discard();
    throw error;
  }
  return {
    format: source.format,
    sheets: source.sheets,
    get progress() {
      return source.progress;
    },
    rows: (sheet) => source.rows(sheet),
    rowEstimate: (sheet) => source.rowEstimate(sheet),
    hiddenColumns: (sheet) => source.hiddenColumns(sheet),
    close() {
      try {
        source.close();
      } finally {
        copy.discard();
      }
    },
    sha256: copy.sha256,
    size: copy.size,
    assertUnchanged: () => copy.assertUnchanged(),
  };
}
