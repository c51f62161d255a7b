// The reader's parsing is written once, as generators that ask for the bytes they need ("this many
// bytes at this position") and get them back; a synchronous driver answers with readSync (imports
// are synchronous jobs), an asynchronous one with reads on the thread pool (packages, backups).
import type { PositionalFile } from '../positionalFiles';

/** `length` bytes at `position`; the answer is shorter only where the file ends. */
export interface ReadRequest {
  position: number;
  length: number;
}

/** Parsing that needs bytes of the file on its way to a T. */
export type Steps<T> = Generator<ReadRequest, T, Buffer>;

export function runSync<T>(steps: Steps<T>, file: PositionalFile): T {
  let step = steps.next();
  while (!step.done) step = steps.next(file.readAtSync(step.value.position, step.value.length));
  return step.value;
}

export async function runAsync<T>(steps: Steps<T>, file: PositionalFile): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await file.readAtAsync(step.value.position, step.value.length));
  return step.value;
}
