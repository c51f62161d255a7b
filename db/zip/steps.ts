// The reader's parsing is written once, as generators that ask for the bytes they need ("this many
// bytes at this position") and get them back; a synchronous driver answers with readSync (imports
// are synchronous jobs), an asynchronous one with reads on the thread pool (packages, backups).
import { read, readSync } from 'node:fs';

/** `length` bytes at `position`; the answer is shorter only where the file ends. */
export interface ReadRequest {
  position: number;
  length: number;
}

/** Parsing that needs bytes of the file on its way to a T. */
export type Steps<T> = Generator<ReadRequest, T, Buffer>;

/** Reads up to `length` bytes at `position` (fewer at the end of the file). */
export function readAtSync(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

function readOnce(fd: number, buffer: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, buffer, offset, length, position, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead))));
}

/** The same, on the thread pool. */
export async function readAtAsync(fd: number, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = await readOnce(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

export function runSync<T>(steps: Steps<T>, fd: number): T {
  let step = steps.next();
  while (!step.done) step = steps.next(readAtSync(fd, step.value.position, step.value.length));
  return step.value;
}

export async function runAsync<T>(steps: Steps<T>, fd: number): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await readAtAsync(fd, step.value.position, step.value.length));
  return step.value;
}
