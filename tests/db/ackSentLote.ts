// What most tests of Implanta's answer start from: a desk with one lote sealed, exported and
// marked sent on 10/03/2026, holding one e-mail correction of the first person added, and the
// desk's clock on the day after, when the answer comes.
import { afterEach, beforeEach, expect } from 'vitest';
import type { BatchSummary } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

export interface SentLote {
  desk: BatchDesk;
  /** The people added, in the order named: the first one's e-mail was corrected. */
  people: Professional[];
  /** The id of that correction. */
  fix: string;
  batch: BatchSummary;
  /** SHA-256 of the package exported. */
  sha256: string;
}

/** The desk of one sent lote, with `names` added (the first corrected). */
export async function openSentLote(names: readonly string[] = ['Joana Dias']): Promise<SentLote> {
  const desk = openBatchDesk();
  const people = names.map((name) => addProfessional(desk.store, { name }));
  const first = people[0] as Professional;
  const fix = correct(desk, first, { email: `${first.name.toLowerCase().replace(/ /g, '.')}@exemplo.com.br` }).corrections[0]!.uuid;
  const { batch, sha256 } = await sendBatch(desk);
  desk.setNow('2026-03-11T10:00:00.000Z');
  return { desk, people, fix, batch, sha256 };
}

/** For every test of the file, a new desk of one sent lote (filled in before each test, removed after it). */
export function sentLoteForEachTest(names?: readonly string[]): SentLote {
  const lote = {} as SentLote;
  beforeEach(async () => {
    Object.assign(lote, await openSentLote(names));
  });
  afterEach(() => lote.desk.cleanup());
  return lote;
}

/** An answer of version 2 (or `extra.schemaVersion`) to the lote with these items, written to a file. */
export function jsonAnswer(lote: SentLote, items: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return writeAck(lote.desk, 'resposta.json', { schemaVersion: 2, batch: lote.batch.uuid, packageSha256: lote.sha256, items, ...extra });
}

/** What an answer may change: the records' DIP, the corrections, the audit. */
const PICTURE = {
  professionals: 'SELECT dip_status, dip_status_at, email, row_version FROM professionals ORDER BY id',
  corrections: 'SELECT uuid, status, status_message FROM corrections ORDER BY id',
  batches: 'SELECT state, acknowledged_at FROM batches ORDER BY id',
  audit: 'SELECT count(*) AS n FROM audit_log',
};

/** Imports `path` expecting ACK_INVALID with a message matching `message`, and the store as it was; the message. */
export async function refusedAnswer(lote: SentLote, path: string, message: RegExp | string): Promise<string> {
  const before = storePicture(lote.desk, PICTURE);
  const error = (await importAck(lote.desk, path).then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; message: string } | null;
  expect(error).toMatchObject({ code: 'ACK_INVALID', message: typeof message === 'string' ? expect.stringContaining(message) : expect.stringMatching(message) });
  expect(storePicture(lote.desk, PICTURE)).toEqual(before);
  return (error as { message: string }).message;
}
