// The thread of deflateThread.ts: deflates the pieces it is posted (null: the last one was), then
// posts the entry back. Built to out/worker/deflate.cjs; it loads nothing but zlib and crypto.
import { parentPort, workerData } from 'node:worker_threads';
import { EntryDeflater } from './entryDeflater';

const deflater = new EntryDeflater((workerData as { level: number }).level);
parentPort?.on('message', (piece: Uint8Array | null) => {
  if (piece !== null) {
    deflater.write(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    return;
  }
  void deflater.finish().then(
    (entry) => parentPort?.postMessage({ ok: true, entry }),
    (error: unknown) => parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
});
