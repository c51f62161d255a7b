// Zip format constants and small helpers shared by the writer and the reader (PKWARE APPNOTE 6.3,
// WinZip AES extra field). Nothing here does I/O.
import { hasControlCharacters } from '../../shared/text';

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
export const SIG_ZIP64_EOCD = 0x06064b50;
export const SIG_ZIP64_LOCATOR = 0x07064b50;

export const LOCAL_HEADER_SIZE = 30;
export const CENTRAL_HEADER_SIZE = 46;
export const EOCD_SIZE = 22;
export const ZIP64_EOCD_SIZE = 56;
export const ZIP64_LOCATOR_SIZE = 20;

export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;
/** WinZip AES: the real method is in the 0x9901 extra field. */
export const METHOD_AES = 99;

export const EXTRA_ZIP64 = 0x0001;
export const EXTRA_AES = 0x9901;
/** Info-ZIP Unicode Path: a UTF-8 name that unzip uses instead of the header's. */
export const EXTRA_UNICODE_PATH = 0x7075;

export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
export const FLAG_UTF8 = 0x0800;

export const VERSION_DEFAULT = 20;
export const VERSION_ZIP64 = 45;
export const VERSION_AES = 51;
/** "Made by" Unix (3), spec 6.3: external attributes then carry a Unix mode. */
export const VERSION_MADE_BY = (3 << 8) | 63;
/** Regular file, rw-r--r--, in the high 16 bits of the external attributes. */
export const EXTERNAL_ATTR_FILE = (0o100644 << 16) >>> 0;

export const MAX_U16 = 0xffff;
export const MAX_U32 = 0xffffffff;

/** AES-256 strength code of the WinZip extra field, and what each strength means. */
export const AES_STRENGTH_256 = 3;
export const AES_KEY_BYTES: Record<number, number> = { 1: 16, 2: 24, 3: 32 };
export const AES_VERIFIER_BYTES = 2;
export const AES_MAC_BYTES = 10;
export const AES_VENDOR_VERSION_AE2 = 2;

export function saltBytes(strength: number): number {
  return (AES_KEY_BYTES[strength] ?? 32) / 2;
}

/** DOS date and time of a Date, from its local or its UTC fields; dates before 1980 clamp to 1980. */
export function dosDateTime(date: Date, timeZone: 'local' | 'utc'): { date: number; time: number } {
  const utc = timeZone === 'utc';
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  if (year < 1980) return { date: (1 << 5) | 1, time: 0 };
  const month = (utc ? date.getUTCMonth() : date.getMonth()) + 1;
  const day = utc ? date.getUTCDate() : date.getDate();
  const hours = utc ? date.getUTCHours() : date.getHours();
  const minutes = utc ? date.getUTCMinutes() : date.getMinutes();
  const seconds = utc ? date.getUTCSeconds() : date.getSeconds();
  return {
    date: ((Math.min(year, 2107) - 1980) << 9) | (month << 5) | day,
    time: (hours << 11) | (minutes << 5) | (seconds >> 1),
  };
}

/** zlib's deflateBound: the most a deflate stream of `size` bytes can grow to. */
export function deflateBound(size: number): number {
  return size + Math.floor(size / 4096) + Math.floor(size / 16384) + Math.floor(size / 33554432) + 13;
}

/**
 * Why a name is not a safe relative path inside an archive, or null when it is. Shared by the
 * writer (never produce one) and the reader (never extract one).
 */
export function unsafePathReason(name: string): string | null {
  if (name.length === 0) return 'nome vazio';
  if (name.includes('\\')) return 'contém barra invertida';
  if (name.startsWith('/')) return 'caminho absoluto';
  if (/^[A-Za-z]:/.test(name)) return 'letra de unidade';
  // Invisible too: a bidirectional override makes a name read backwards, a C1 control drives a terminal.
  if (hasControlCharacters(name)) return 'caractere de controle';
  const segments = name.endsWith('/') ? name.slice(0, -1).split('/') : name.split('/');
  for (const segment of segments) {
    if (segment === '..') return 'sai da pasta (..)';
    if (segment === '.' || segment === '') return 'segmento vazio ou "."';
  }
  return null;
}
