// A lote undone by a restore stays named by the restore that undid it — its backup, its time, the
// store it set aside — however many restores carry its record along; a package of it checks sound
// but says it must not be sent; and a spreadsheet answer taken as the lote made after the restore
// says it may be the undone lote's, even once that newer lote was sent.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk, registrationsIn, type CliDesk } from './command';

function one<T>(store: string, sql: string): T {
  const db = openRawStore(store, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

function correct(desk: CliDesk, registration: string, email: string): void {
  expect(desk.run('correct', registration, '--field', 'email', '--value', email, '--reason', 'Pedido no balcão').code).toBe(0);
}

/** Creates, seals, exports into `lotes` and marks sent the next lote, `number`. */
function sendLote(desk: CliDesk, number: string): void {
  for (const step of [['batch', 'create'], ['batch', 'seal', number], ['batch', 'export', number, '--out', join(desk.dir, 'lotes')], ['batch', 'mark-sent', number]]) {
    const done = desk.run(...step);
    expect(done.code, done.stderr).toBe(0);
  }
}

function backup(desk: CliDesk): string {
  return desk.json('backup', 'create', '--out', join(desk.dir, 'backups')).body.file as string;
}

/** Restores `file`: the store it set aside, and when the restore's audit entry says it happened. */
function restore(desk: CliDesk, file: string): { aside: string; at: string } {
  const restored = desk.json('backup', 'restore', file, '--yes');
  expect(restored.code, restored.stderr).toBe(0);
  const { at } = one<{ at: string }>(desk.store, "SELECT at FROM audit_log WHERE action = 'backup.restore' ORDER BY id DESC LIMIT 1");
  return { aside: restored.body.previousStore as string, at };
}

describe('a lote undone by a restore, then carried along by later restores', () => {
  const desk = cliDesk('cress-cli-undone-twice-', (d) => initDesk(d, { professionals: 3, seed: 5 }));
  let b0: string;
  let b1: string;
  let undoing: { aside: string; at: string };
  let lote2: { uuid: string; sha: string };
  let correction: string;

  // B0 before lote 0001; B1 with 0001 sent. Restore B0; lote 0002 sent; restore B0 again (it undoes
  // 0002); restore B1 (it only carries 0002's record along).
  beforeAll(() => {
    const [first, second] = registrationsIn(desk.store) as [string, string];
    mkdirSync(join(desk.dir, 'backups'));
    mkdirSync(join(desk.dir, 'lotes'));
    correct(desk, first, 'primeira.caixa@gmail.com');
    b0 = backup(desk);
    sendLote(desk, '2026-0001');
    correct(desk, second, 'segunda.caixa@gmail.com');
    b1 = backup(desk);
    restore(desk, b0);
    sendLote(desk, '2026-0002');
    lote2 = one(desk.store, "SELECT uuid, package_sha256 AS sha FROM batches WHERE number = '2026-0002'");
    correction = one<{ uuid: string }>(desk.store, 'SELECT c.uuid FROM corrections c JOIN batches b ON b.id = c.batch_id WHERE b.number = \'2026-0002\'').uuid;
    undoing = restore(desk, b0);
    restore(desk, b1);
  }, 120_000);

  it("refuses its answer naming the restore that undid it — its backup and the store it set aside — not the last one", () => {
    const ack = join(desk.dir, 'resposta-0002.json');
    writeFileSync(ack, JSON.stringify({ schemaVersion: 1, batch: lote2.uuid, packageSha256: lote2.sha, items: [{ id: correction, status: 'applied' }] }));
    const answered = desk.run('batch', 'ack', ack);
    expect(answered.code).toBe(1);
    expect(answered.stderr).toContain('[ACK_UNKNOWN_BATCH]');
    expect(answered.stderr).toContain(`O lote 2026-0002, enviado em`);
    expect(answered.stderr).toContain(`desfeito pela restauração do backup ${basename(b0)} em`);
    expect(answered.stderr).toContain(basename(undoing.aside));
    expect(answered.stderr).not.toContain(basename(b1));
  });

  it('says, when its package is checked, that the lote was undone here and its answer will be refused; the check still passes', () => {
    const file = join(desk.dir, 'lotes', readdirSync(join(desk.dir, 'lotes')).find((name) => name.includes('lote-2026-0002')) as string);
    const checked = desk.json('batch', 'verify', file);
    expect(checked.code).toBe(0);
    expect(checked.body.valid).toBe(true);
    expect(checked.body.warnings).toEqual([
      expect.objectContaining({ code: 'BATCH_UNDONE', message: expect.stringContaining(`O lote 2026-0002 foi desfeito nesta mesa pela restauração do backup ${basename(b0)} em`) }),
    ]);
    expect(checked.body.warnings[0].message).toContain('a resposta da Implanta a ele será recusada');
    const text = desk.run('batch', 'verify', file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Package valid');
    expect(text.stdout).toMatch(/Atenção: O lote 2026-0002 foi desfeito nesta mesa .*não o envie de novo\./);
    // A lote this desk still holds as it left is checked without a word about restores.
    const sent = desk.json('batch', 'verify', join(desk.dir, 'lotes', readdirSync(join(desk.dir, 'lotes')).find((name) => name.includes('lote-2026-0001')) as string));
    expect(sent.body.warnings).toBeUndefined();
  });

  it('is named on the next lote with the time of the restore that undid it', () => {
    const next = desk.json('batch', 'create');
    expect(next.code, next.stderr).toBe(0);
    expect(next.body.number).toBe('2026-0003');
    expect(next.body.undoneBefore).toEqual([expect.objectContaining({ number: '2026-0002', restoredAt: undoing.at })]);
  });
});

describe('a spreadsheet answer to a lote a restore undid, once the newer lote carrying its correction was sent', () => {
  const desk = cliDesk('cress-cli-undone-sheet-', (d) => initDesk(d, { professionals: 3, seed: 5 }));

  it('is taken as the newer lote’s answer, saying it may be the undone lote’s', () => {
    const [first] = registrationsIn(desk.store) as [string];
    mkdirSync(join(desk.dir, 'backups'));
    mkdirSync(join(desk.dir, 'lotes'));
    correct(desk, first, 'nova.caixa@gmail.com');
    const b = backup(desk);
    sendLote(desk, '2026-0001');
    const { uuid } = one<{ uuid: string }>(desk.store, 'SELECT uuid FROM corrections');
    restore(desk, b);
    sendLote(desk, '2026-0002');

    const sheet = join(desk.dir, 'resposta.csv');
    writeFileSync(sheet, `id;situação\r\n${uuid};aplicada\r\n`);
    const answered = desk.json('batch', 'ack', sheet);
    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.body.batch.number).toBe('2026-0002');
    expect(answered.body.mayAnswerUndone).toEqual([expect.objectContaining({ number: '2026-0001' })]);
    expect(answered.body.mayAnswerUndone[0].sentAt).not.toBeNull();
    const again = desk.run('batch', 'ack', sheet);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("may be Implanta's answer to batch 2026-0001 (sent ");
    expect(again.stdout).toContain('check with Implanta which batch it answers');
  });
});
