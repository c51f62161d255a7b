// The words of packages, backups and acknowledgements for a zip the reader refuses: ZipError, with
// a stable ZIP_* code and a Portuguese message. This is the reader's default vocabulary.
import { formatCount, formatFileSize } from '../../shared/display/numbers';
import { ZipFault, type ZipFaultTable } from './faults';

export const ZIP_ERROR_CODES = [
  'ZIP_NOT_A_ZIP',
  'ZIP_TRUNCATED',
  'ZIP_CORRUPT',
  'ZIP_UNSUPPORTED',
  'ZIP_UNSAFE_PATH',
  'ZIP_DUPLICATE_ENTRY',
  'ZIP_TOO_MANY_ENTRIES',
  'ZIP_TOO_LARGE',
  'ZIP_RATIO',
  'ZIP_ENTRY_NOT_FOUND',
  'ZIP_PASSWORD_REQUIRED',
  'ZIP_PASSWORD_WRONG',
  'ZIP_AUTH_FAILED',
  'ZIP_CRC_MISMATCH',
] as const;
export type ZipErrorCode = (typeof ZIP_ERROR_CODES)[number];

export class ZipError extends Error {
  constructor(
    readonly code: ZipErrorCode,
    message: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

const MESSAGES = {
  notZip: 'O arquivo não é um zip válido ou está incompleto (o índice do zip não foi encontrado no fim do arquivo).',
  truncated: 'O arquivo zip está incompleto: termina antes do fim dos dados.',
  corrupt: (what: string) => `O arquivo zip está danificado (${what}).`,
  unsupportedCrypto: (name: string) => `"${name}" usa uma criptografia que o CRESS Desk não abre (somente AES do WinZip).`,
  passwordRequired: 'Este arquivo está protegido por senha: informe a senha.',
  passwordWrong: 'Senha incorreta: não foi possível abrir o arquivo com a senha informada.',
  // Only raised once the entry's own password verifier matched: a wrong password stops before (passwordWrong).
  authFailed: (name: string) => `O conteúdo de "${name}" foi alterado ou está danificado: a senha abre o arquivo, mas a autenticação da criptografia não confere.`,
  crc: (name: string) => `O conteúdo de "${name}" está danificado (a soma de verificação CRC não confere).`,
};

const corrupt = (what: string, entry?: string) => new ZipError('ZIP_CORRUPT', MESSAGES.corrupt(what), entry);
/** A size as the clerk reads it ("512 MB"); unknown when the reader did not say. */
const size = (bytes: number | undefined) => (bytes === undefined ? 'tamanho desconhecido' : formatFileSize(bytes));
const invalidDirectorySize = () => corrupt('tamanho do índice inválido');

const WORDS: ZipFaultTable<ZipError> = {
  'no-end-record': () => new ZipError('ZIP_NOT_A_ZIP', MESSAGES.notZip),
  'multi-disk': () => new ZipError('ZIP_UNSUPPORTED', 'Zips divididos em vários volumes não são aceitos.'),
  'zip64-end-missing': () => corrupt('registro Zip64 ausente'),
  'zip64-locator-missing': () => corrupt('localizador Zip64 ausente'),
  'zip64-record-invalid': () => corrupt('registro Zip64 inválido'),
  'zip64-record-misplaced': () => corrupt('registro Zip64 fora do lugar'),
  'huge-number': ({ entry }) => corrupt('tamanho Zip64 impossível', entry),
  'directory-misplaced': () => corrupt('índice fora do lugar'),
  'directory-beyond-end': invalidDirectorySize,
  'directory-oversized': invalidDirectorySize,
  'too-many-entries': ({ count, limit }) => new ZipError('ZIP_TOO_MANY_ENTRIES', `O zip tem ${formatCount(count ?? 0)} arquivos, mais do que os ${formatCount(limit ?? 0)} aceitos.`),
  'directory-entry': ({ index }) => corrupt(`entrada ${index} do índice ilegível`),
  'extra-field': () => corrupt('campo extra truncado'),
  'zip64-field': ({ entry = '' }) => corrupt(`campo Zip64 de "${entry}" curto`, entry),
  'unsafe-path': ({ entry = '', reason }) => new ZipError('ZIP_UNSAFE_PATH', `O zip contém um caminho inseguro, "${entry}" (${reason}): o arquivo foi recusado.`, entry),
  duplicate: ({ entry = '' }) => new ZipError('ZIP_DUPLICATE_ENTRY', `O zip contém "${entry}" mais de uma vez: o arquivo foi recusado.`, entry),
  'unsupported-encryption': ({ entry = '' }) => new ZipError('ZIP_UNSUPPORTED', MESSAGES.unsupportedCrypto(entry), entry),
  'aes-without-encryption': ({ entry = '' }) => corrupt(`"${entry}" marcado como AES sem criptografia`, entry),
  'unsupported-method': ({ entry = '', method }) => new ZipError('ZIP_UNSUPPORTED', `"${entry}" usa um método de compressão não suportado (${method}).`, entry),
  'too-large': ({ limit }) => new ZipError('ZIP_TOO_LARGE', `O conteúdo do zip, descompactado, passa do limite de ${size(limit)}: o arquivo foi recusado.`),
  ratio: ({ entry = '', size: bytes, compressedSize }) =>
    new ZipError('ZIP_RATIO', `"${entry}" declara uma taxa de compressão implausível (${size(bytes)} a partir de ${size(compressedSize)}): o arquivo foi recusado.`, entry),
  'stored-size-mismatch': ({ entry = '' }) => corrupt(`tamanhos de "${entry}" incoerentes`, entry),
  overlap: ({ entry = '' }) => corrupt(`"${entry}" sobrepõe outra entrada`, entry),
  'hidden-data': ({ entry, after }) =>
    corrupt(entry === undefined ? 'há dados que o índice não lista' : `há dados que o índice não lista ${after ? 'depois' : 'antes'} de "${entry}"`, entry),
  truncated: ({ entry }) => new ZipError('ZIP_TRUNCATED', MESSAGES.truncated, entry),
  'not-found': ({ entry = '' }) => new ZipError('ZIP_ENTRY_NOT_FOUND', `O arquivo "${entry}" não está no zip.`, entry),
  'entry-too-large': ({ entry = '', size: bytes }) => new ZipError('ZIP_TOO_LARGE', `"${entry}" é grande demais para ser lido (${size(bytes)}).`, entry),
  'local-header-missing': ({ entry = '' }) => corrupt(`cabeçalho de "${entry}" não encontrado`, entry),
  'local-header-mismatch': ({ entry = '', reason }) => corrupt(`o cabeçalho local de "${entry}" não confere com o índice${reason ? `: ${reason}` : ''}`, entry),
  'password-required': ({ entry }) => new ZipError('ZIP_PASSWORD_REQUIRED', MESSAGES.passwordRequired, entry),
  'password-wrong': ({ entry }) => new ZipError('ZIP_PASSWORD_WRONG', MESSAGES.passwordWrong, entry),
  'aes-too-short': ({ entry = '' }) => corrupt(`"${entry}" é curto demais`, entry),
  'verifier-damaged': ({ entry = '' }) => corrupt(`o controle de senha de "${entry}" não confere, embora a senha abra os outros arquivos`, entry),
  overflow: ({ entry = '' }) => corrupt(`"${entry}" produz mais dados do que declara`, entry),
  // zlib's own errors mean the compressed data is damaged (encrypted, under a password its verifier accepted).
  inflate: ({ entry = '', encrypted }) =>
    encrypted ? new ZipError('ZIP_AUTH_FAILED', MESSAGES.authFailed(entry), entry) : corrupt(`dados comprimidos de "${entry}" inválidos`, entry),
  'auth-failed': ({ entry = '' }) => new ZipError('ZIP_AUTH_FAILED', MESSAGES.authFailed(entry), entry),
  'size-mismatch': ({ entry = '', produced, size }) => corrupt(`"${entry}" tem ${formatCount(produced ?? 0)} bytes, o índice declara ${formatCount(size ?? 0)}`, entry),
  crc: ({ entry = '' }) => new ZipError('ZIP_CRC_MISMATCH', MESSAGES.crc(entry), entry),
};

/** The ZipError a fault becomes; any other error is left as it is. */
export function zipErrorOf(error: unknown): unknown {
  return error instanceof ZipFault ? WORDS[error.kind](error.facts) : error;
}
