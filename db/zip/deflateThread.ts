// A zip entry deflated in a thread of its own while its bytes are still being made: a lote's
// package builds its two big files row by row on the job's thread, and their deflating (about a
// quarter of an export of 100 000 corrections) runs beside that instead of after it. The thread is
// db/zip/deflateWorker.ts, built to out/worker/deflate.cjs; without that build (unit tests run the
// sources) the entry is deflated on this thread, by the same code, once the bytes are all in.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EntryDeflater, type DeflatedEntry } from './entryDeflater';

export interface EntryDeflation {
  /** Hands in the next bytes, which must not change afterwards. */
  write(piece: Buffer): void;
  /** Once every byte was handed in: the entry, deflated. */
  finish(): Promise<DeflatedEntry>;
  /** Gives up (a failed or cancelled export): the thread ends. */
  abort(): void;
}

type Reply = { ok: true; entry: DeflatedEntry } | { ok: false; message: string };

class ThreadDeflation implements EntryDeflation {
  private readonly worker: Worker;
  private readonly result: Promise<DeflatedEntry>;

  constructor(script: string, level: number) {
    this.worker = new Worker(script, { workerData: { level } });
    this.result = new Promise<DeflatedEntry>((resolve, reject) => {
      this.worker.once('message', (reply: Reply) => {
        if (!reply.ok) return reject(new Error(`deflating failed: ${reply.message}`));
        // Buffers arrive as plain Uint8Arrays.
        resolve({ ...reply.entry, deflated: reply.entry.deflated.map((piece) => Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength)) });
      });
      this.worker.once('error', reject);
      this.worker.once('exit', () => reject(new Error('the deflating thread ended before its answer')));
    }).finally(() => void this.worker.terminate());
    this.result.catch(() => undefined); // seen by finish(), or by no one after abort()
  }

  write(piece: Buffer): void {
    this.worker.postMessage(piece);
  }

  finish(): Promise<DeflatedEntry> {
    this.worker.postMessage(null);
    return this.result;
  }

  abort(): void {
    void this.worker.terminate();
  }
}

/** The built thread's script beside the running bundle (out/worker/deflate.cjs), if there is one. */
function deflateScript(): string | null {
  const path = join(__dirname, '..', 'worker', 'deflate.cjs');
  return existsSync(path) ? path : null;
}

/** Starts deflating an entry at zlib `level`: in a thread when the app is built, else here. */
export function startDeflation(level: number): EntryDeflation {
  const script = deflateScript();
  if (script === null) return new EntryDeflater(level);
  try {
    return new ThreadDeflation(script, level);
  } catch {
    // No thread to be had (the process's limit on threads): the export is only slower.
    return new EntryDeflater(level);
  }
}
