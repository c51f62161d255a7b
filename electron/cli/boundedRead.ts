// Small secret files read without trusting their size: at most a bound and one byte more (a
// larger file is another file, named by mistake), and the process's own descriptors read as handed.
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The process's own descriptors: the standard input (`… | cress-desk … --passphrase-file /dev/stdin`)
 * or a shell's process substitution (`--passphrase-file <(pass show cress)`). They are pipes the
 * command was handed, not files others may read, and they are read.
 */
export const OWN_DESCRIPTOR = /^\/(?:dev\/(?:stdin|fd\/\d+)|proc\/self\/fd\/\d+)$/;

/** At most `max` bytes and one more (to tell a larger file) from the descriptor `fd`, to its end. */
function readBoundedFrom(fd: number, max: number): Buffer {
  const buffer = Buffer.alloc(max + 1);
  let length = 0;
  while (length < buffer.length) {
    let read: number;
    try {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    } catch (error) {
      // A descriptor the shell left non-blocking: wait for the writer.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}

/**
 * The file's first `max` + 1 bytes at most (more than `max`: not the small text file asked for); an
 * own descriptor is read as it was handed (a socket cannot be opened again by its name).
 */
export function readBounded(path: string, max: number): Buffer {
  const own = /(\d+)$/.exec(path);
  if (OWN_DESCRIPTOR.test(path)) return readBoundedFrom(path === '/dev/stdin' ? 0 : Number(own?.[1]), max);
  const fd = openSync(path, 'r');
  try {
    return readBoundedFrom(fd, max);
  } finally {
    closeSync(fd);
  }
}
