// Where a PNG or a JPEG ends, read from its structure, and whether an archive hides in a file.
// A file that goes on after its image (a zip, a program, a phone's video appended) is two files in
// one: a zip reader looks for its directory from the end and opens the other one, so the first
// bytes prove nothing. Only the walk of the chunks (PNG) or of the segments (JPEG) finds the end;
// the further pictures a phone or a camera stores after a JPEG (each a whole JPEG) are its own.

/** The offset just past the PNG's IEND chunk, or null when its chunks do not reach one. */
export function pngEnd(bytes: Uint8Array): number | null {
  let at = 8; // the signature
  while (at + 12 <= bytes.length) {
    const next = at + 12 + new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at); // length, type, data, CRC
    if (next > bytes.length) return null;
    if (bytes[at + 4] === 0x49 && bytes[at + 5] === 0x45 && bytes[at + 6] === 0x4e && bytes[at + 7] === 0x44) return next; // IEND
    at = next;
  }
  return null;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
/** Markers that stand alone, with no length after them: TEM and the restart markers. */
const standsAlone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/** The offset of the marker that ends a scan's entropy-coded data (0xFF 0x00 is a stuffed byte, RSTn stays inside). */
function afterScan(bytes: Uint8Array, from: number): number {
  for (let at = from; at + 1 < bytes.length; at++) {
    if (bytes[at] !== 0xff) continue;
    const next = bytes[at + 1] as number;
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) return at;
  }
  return bytes.length;
}

/** The offset just past the JPEG's EOI marker, or null when its segments do not reach one. */
export function jpegEnd(bytes: Uint8Array): number | null {
  let at = 2; // SOI
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    while (bytes[at] === 0xff) at++; // fill bytes before a marker
    if (at >= bytes.length) return null;
    const marker = bytes[at++] as number;
    if (marker === EOI) return at;
    if (marker === SOI) return null;
    if (standsAlone(marker)) continue;
    if (at + 2 > bytes.length) return null;
    const length = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
    if (length < 2) return null;
    at += length;
    if (marker === SOS) at = afterScan(bytes, at);
  }
  return null;
}

/**
 * The offset just past the JPEG and the pictures a camera or a phone stores after it (CIPA's
 * Multi-Picture Format: an HDR gain map, a stereo pair — each a whole JPEG of its own, right after
 * the first one's EOI), or null when the first one does not reach its EOI.
 */
export function jpegWithPicturesEnd(bytes: Uint8Array): number | null {
  let end = jpegEnd(bytes);
  if (end === null) return null;
  while (bytes[end] === 0xff && bytes[end + 1] === SOI) {
    const next = jpegEnd(bytes.subarray(end));
    if (next === null) break;
    end += next;
  }
  return end;
}

/** Whether only zero bytes follow `end` (some programs pad a file): nothing else is there. */
export function onlyPaddingAfter(bytes: Uint8Array, end: number): boolean {
  for (let at = end; at < bytes.length; at++) if (bytes[at] !== 0) return false;
  return true;
}

/** A zip's directory is found within its last 65 557 bytes (22, and a comment of up to 65 535). */
const ZIP_DIRECTORY_REACH = 22 + 0xffff;
const ZIP_END = [0x50, 0x4b, 0x05, 0x06];
/** Archives that a tool such as 7-Zip finds anywhere in a file. */
const ARCHIVES_ANYWHERE = [
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // RAR
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
];

function foundAt(bytes: Uint8Array, signature: readonly number[], at: number): boolean {
  return signature.every((b, i) => bytes[at + i] === b);
}

/** Whether an archive reader would find an archive in these bytes: a zip's directory near the end, a RAR or 7z anywhere. */
export function holdsArchive(bytes: Uint8Array): boolean {
  for (let at = Math.max(0, bytes.length - ZIP_DIRECTORY_REACH); at + ZIP_END.length <= bytes.length; at++) {
    if (foundAt(bytes, ZIP_END, at)) return true;
  }
  for (let at = 0; at + 6 <= bytes.length; at++) {
    if ((bytes[at] === 0x52 || bytes[at] === 0x37) && ARCHIVES_ANYWHERE.some((signature) => foundAt(bytes, signature, at))) return true;
  }
  return false;
}
