// On a registry big enough for the scan to share its records with a second thread, `quality scan`
// stores exactly the worklist the records got one by one when they were added.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { cliOn, requireBuiltCli } from './command';

let dir: string;
const store = () => join(dir, 'desk.sqlite');
const { run, json } = cliOn(store);

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'cress-quality-threads-'));
  expect(run('init', '--region', '9', '--operator', 'Ana Paula').code).toBe(0);
  // Above the 20 000 records from which the scan starts its second thread.
  expect(run('demo', '--professionals', '24000', '--seed', '11').code).toBe(0);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function storedWorklist(): unknown[] {
  const db = openRawStore(store());
  try {
    return db
      .prepare("SELECT professional_id, code, field, message, case_letter, suggestion FROM pendencies WHERE source = 'rule' ORDER BY professional_id, code, field, message")
      .all();
  } finally {
    db.close();
  }
}

describe('quality scan on 24 000 records', () => {
  it('finds what each record was given when it was added, no more and no less', { timeout: 120_000 }, () => {
    const added = storedWorklist();
    expect(added.length).toBeGreaterThan(500);
    const { code, body } = json('quality', 'scan');
    expect(code).toBe(0);
    expect(body.total).toBe(added.length);
    expect(storedWorklist()).toEqual(added);
  });
});
