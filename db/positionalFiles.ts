// Files read at any position — the zip reader's central directory and entries, a CSV's chunks — either
// as they are on disk or through an encryption only this process holds the key of. The import reads
// a private copy of the clerk's spreadsheet (db/imports/readers/privateCopy.ts); that copy is written
// encrypted (AES-256 in counter mode: any byte can be decrypted where it lies, so the readers keep
// reading at positions) with a key that lives in memory only. A copy a killed process leaves behind
// is noise to whoever finds it; the personal data it came from stays where the clerk put it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, read, readSync, writeSync } from 'node:fs';
import { READ_WITHOUT_WAITING } from './fileRefusals';

export interface PositionalFile {
  readonly size: number;
  /** Up to `length` bytes at `position` (fewer only where the file ends). */
  readAtSync(position: number, length: number): Buffer;
  /** The same, on the thread pool. */
  readAtAsync(position: number, length: number): Promise<Buffer>;
  close(): void;
}

function readOnce(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

/** A file read as it is on disk. */
export function openPlainFile(path: string): PositionalFile {
  const fd = openSync(path, READ_WITHOUT_WAITING);
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  let closed = false;
  return {
    size,
    readAtSync(position, length) {
      const buffer = Buffer.allocUnsafe(length); // only the bytes read are handed out
      let done = 0;
      while (done < length) {
        const n = readSync(fd, buffer, done, length - done, position + done);
        if (n === 0) break;
        done += n;
      }
      return done === length ? buffer : buffer.subarray(0, done);
    },
    async readAtAsync(position, length) {
      const buffer = Buffer.allocUnsafe(length); // only the bytes read are handed out
      let done = 0;
      while (done < length) {
        const n = await readOnce(fd, buffer, done, length - done, position + done);
        if (n === 0) break;
        done += n;
      }
      return done === length ? buffer : buffer.subarray(0, done);
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

/** The key of one encrypted file: never written anywhere, gone with the process. */
export interface FileKey {
  readonly key: Buffer;
  /** The first 8 bytes of every counter block; the last 8 count the 16-byte blocks of the file. */
  readonly nonce: Buffer;
}

const BLOCK = 16;
const ALGORITHM = 'aes-256-ctr';

function counterAt(fileKey: FileKey, block: number): Buffer {
  const iv = Buffer.alloc(BLOCK);
  fileKey.nonce.copy(iv, 0, 0, 8);
  iv.writeBigUInt64BE(BigInt(block), 8);
  return iv;
}

/** Writes a new file (`wx`, `mode`) encrypted with a fresh key; `close` answers the key to read it back. */
export function createEncryptedFile(path: string, mode: number): { write(chunk: Buffer): void; close(): FileKey } {
  const fileKey: FileKey = { key: randomBytes(32), nonce: randomBytes(8) };
  const fd = openSync(path, 'wx', mode);
  const cipher = createCipheriv(ALGORITHM, fileKey.key, counterAt(fileKey, 0));
  let closed = false;
  return {
    write(chunk) {
      const sealed = cipher.update(chunk);
      for (let at = 0; at < sealed.length; ) at += writeSync(fd, sealed, at, sealed.length - at);
    },
    close() {
      if (!closed) {
        closed = true;
        closeSync(fd);
      }
      return fileKey;
    },
  };
}

/** A file `createEncryptedFile` wrote, read back in the clear at any position. */
export function openEncryptedFile(path: string, fileKey: FileKey): PositionalFile {
  const file = openPlainFile(path);
  const decrypt = (position: number, sealed: Buffer): Buffer => {
    const skip = position % BLOCK;
    const decipher = createDecipheriv(ALGORITHM, fileKey.key, counterAt(fileKey, Math.floor(position / BLOCK)));
    if (skip > 0) decipher.update(Buffer.alloc(skip));
    return decipher.update(sealed);
  };
  return {
    size: file.size,
    readAtSync: (position, length) => decrypt(position, file.readAtSync(position, length)),
    readAtAsync: async (position, length) => decrypt(position, await file.readAtAsync(position, length)),
    close: () => file.close(),
  };
}
