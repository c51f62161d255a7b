// The end of a zip: the end-of-central-directory record (which must end the file exactly, comment
// included), and the Zip64 locator and record it points to when its fields overflow. Together they
// say where the central directory is and how many entries it holds.
import { fault } from './faults';
import { EOCD_SIZE, MAX_U16, MAX_U32, SIG_EOCD, SIG_ZIP64_EOCD, SIG_ZIP64_LOCATOR, ZIP64_EOCD_SIZE, ZIP64_LOCATOR_SIZE } from './format';
import type { Steps } from './steps';

export interface ZipEnd {
  count: number;
  centralSize: number;
  centralStart: number;
  /** Where the end record starts. */
  endStart: number;
}

/** A little-endian 64-bit number that must fit a safe integer (no file is that large). */
export function u64(buffer: Buffer, offset: number, entry?: string): number {
  const value = buffer.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw fault('huge-number', { entry });
  return Number(value);
}

export function* readEnd(fileSize: number): Steps<ZipEnd> {
  if (fileSize < EOCD_SIZE) throw fault('no-end-record');
  // The end record sits in the last 22 bytes plus a comment of at most 65 535 bytes.
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_U16);
  const tail = yield { position: fileSize - tailLength, length: tailLength };
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw fault('no-end-record');
  const endStart = fileSize - tailLength + at;
  const disk = tail.readUInt16LE(at + 4);
  const centralDisk = tail.readUInt16LE(at + 6);
  let count = tail.readUInt16LE(at + 10);
  let centralSize = tail.readUInt32LE(at + 12);
  let centralStart = tail.readUInt32LE(at + 16);
  if ((disk !== 0 && disk !== MAX_U16) || (centralDisk !== 0 && centralDisk !== MAX_U16) || tail.readUInt16LE(at + 8) !== count) throw fault('multi-disk');
  if (count === MAX_U16 || centralSize === MAX_U32 || centralStart === MAX_U32) {
    if (endStart < ZIP64_LOCATOR_SIZE) throw fault('zip64-end-missing');
    const locator = yield { position: endStart - ZIP64_LOCATOR_SIZE, length: ZIP64_LOCATOR_SIZE };
    if (locator.length < ZIP64_LOCATOR_SIZE || locator.readUInt32LE(0) !== SIG_ZIP64_LOCATOR) throw fault('zip64-locator-missing');
    const recordOffset = u64(locator, 8);
    const record = yield { position: recordOffset, length: ZIP64_EOCD_SIZE };
    if (record.length < ZIP64_EOCD_SIZE || record.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw fault('zip64-record-invalid');
    count = u64(record, 32);
    centralSize = u64(record, 40);
    centralStart = u64(record, 48);
    if (recordOffset < centralStart + centralSize) throw fault('zip64-record-misplaced');
  } else if (centralStart + centralSize > endStart) {
    throw fault('directory-misplaced');
  }
  return { count, centralSize, centralStart, endStart };
}
