// The zip container of .xlsx/.xlsm/.ods, opened with the desk's zip reader in the words of imports:
// a zip fault becomes FILE_UNREADABLE (damaged, cut short, encrypted) or FILE_UNSAFE (zip bomb,
// hostile names), with the messages of FILE_MESSAGES. The import's limits bound it; names that
// differ only in case are allowed (parts are looked up by exact name and never extracted). Every
// part read has its CRC-32 checked as it is inflated (zlib's crc32, a small cost beside inflating):
// a byte changed after the zip was written would otherwise be imported as if the clerk typed it.
import type { AppError } from '../../../shared/errors';
import { ZipFault, ZipReader, type ZipFaultTable } from '../../zip';
import type { PositionalFile } from '../../positionalFiles';
import { FILE_MESSAGES, unreadable, unsafe, type ReaderLimits } from './limits';

const truncated = () => unreadable(FILE_MESSAGES.truncated);
const damaged = (detail: string) => () => unreadable(FILE_MESSAGES.damaged(detail));
const bomb = () => unsafe(FILE_MESSAGES.bomb);
const encrypted = () => unreadable(FILE_MESSAGES.encrypted);
const inconsistent = damaged('diretório interno inconsistente');

const WORDS: ZipFaultTable<AppError> = {
  'no-end-record': truncated,
  'multi-disk': damaged('arquivo dividido em partes'),
  'zip64-end-missing': truncated,
  'zip64-locator-missing': truncated,
  'zip64-record-invalid': truncated,
  'zip64-record-misplaced': inconsistent,
  'huge-number': bomb,
  'directory-misplaced': inconsistent,
  'directory-beyond-end': truncated,
  'directory-oversized': bomb,
  'too-many-entries': ({ count = 0 }) => unsafe(FILE_MESSAGES.tooManyEntries(count)),
  'directory-entry': inconsistent,
  'extra-field': inconsistent,
  'zip64-field': damaged('tamanhos zip64 ausentes'),
  'unsafe-path': ({ entry = '' }) => unsafe(FILE_MESSAGES.unsafeName(entry)),
  duplicate: ({ entry = '' }) => unsafe(FILE_MESSAGES.damaged(`a parte interna “${entry}” aparece duas vezes; o arquivo foi recusado por segurança`)),
  'unsupported-encryption': encrypted,
  'aes-without-encryption': encrypted,
  'unsupported-method': ({ method }) => unreadable(FILE_MESSAGES.damaged(`compactação ${method} não suportada`)),
  'too-large': bomb,
  ratio: bomb,
  'stored-size-mismatch': damaged('tamanhos internos incoerentes'),
  overlap: damaged('partes internas sobrepostas'),
  'hidden-data': damaged('dados fora do diretório interno'),
  truncated,
  'not-found': ({ entry = '' }) => unreadable(FILE_MESSAGES.damaged(`parte ${entry} ausente`)),
  'entry-too-large': bomb,
  'local-header-missing': damaged('parte interna sem cabeçalho'),
  'local-header-mismatch': damaged('cabeçalho de parte interna diferente do diretório'),
  'password-required': encrypted,
  'password-wrong': encrypted,
  'aes-too-short': damaged('parte criptografada curta demais'),
  'verifier-damaged': damaged('parte criptografada danificada'),
  // An entry may never produce more than its directory record declared (a lying zip bomb).
  overflow: bomb,
  inflate: ({ truncated: cut }) => (cut ? truncated() : unreadable(FILE_MESSAGES.damaged('dados compactados inválidos'))),
  'auth-failed': encrypted,
  'size-mismatch': truncated,
  crc: () => unreadable(FILE_MESSAGES.crcMismatch),
};

function fileError(error: unknown): unknown {
  return error instanceof ZipFault ? WORDS[error.kind](error.facts) : error;
}

/** Opens a spreadsheet's zip container; refusals are FILE_* AppErrors. */
export function openZip(file: PositionalFile, limits: ReaderLimits): ZipReader {
  return ZipReader.openSync(file, {
    limits: { maxEntries: limits.maxZipEntries, maxTotalBytes: limits.maxUncompressedBytes, maxRatio: limits.maxRatio, ratioFloorBytes: limits.ratioFloorBytes },
    refuseCaseCollisions: false,
    verifyCrc: true,
    faults: fileError,
  });
}
