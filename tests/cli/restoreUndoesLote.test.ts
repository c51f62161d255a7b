// A backup made before a lote left the desk, restored after: the restore says which lote it undid
// (the corrections it carried may already be applied by Implanta), the next lote never takes its
// number, and Implanta's answer to it is refused naming it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-restore-lote-', (d) => initDesk(d, { professionals: 3, seed: 5 }));
const { run, json } = desk;
const exported = cliDesk('cress-cli-restore-exported-', (d) => initDesk(d, { professionals: 3, seed: 5 }));
const sealed = cliDesk('cress-cli-restore-sealed-', (d) => initDesk(d, { professionals: 3, seed: 5 }));
const reviewed = cliDesk('cress-cli-restore-reviewed-', (d) => initDesk(d, { professionals: 3, seed: 5 }));
const partly = cliDesk('cress-cli-restore-partly-', (d) => initDesk(d, { professionals: 3, seed: 5 }));

function one<T>(sql: string, store = desk.store): T {
  const db = openRawStore(store, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

describe('a restore of a backup older than a sent lote', () => {
  it('names the lote it undoes, the next lote takes a new number, and the answer to the undone lote is refused naming it', () => {
    const { registration } = one<{ registration: string }>('SELECT registration_number AS registration FROM professionals ORDER BY id LIMIT 1');
    expect(run('correct', registration, '--field', 'email', '--value', 'nova.caixa@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
    mkdirSync(join(desk.dir, 'backups'));
    const backup = json('backup', 'create', '--out', join(desk.dir, 'backups')).body.file as string;
    const lotes = join(desk.dir, 'lotes');
    mkdirSync(lotes);
    for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', lotes], ['batch', 'mark-sent', '2026-0001']]) {
      expect(run(...step).code).toBe(0);
    }
    const sent = one<{ uuid: string; sha: string }>("SELECT uuid, package_sha256 AS sha FROM batches WHERE number = '2026-0001'");
    const correction = one<{ uuid: string }>('SELECT uuid FROM corrections');

    const restored = run('backup', 'restore', backup, '--yes');

    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Batch 2026-0001 (sent');
    expect(restored.stdout).toContain('1 item)');
    expect(restored.stdout).toContain('Implanta may already have applied');
    expect(one<{ status: string }>('SELECT status FROM corrections').status).toBe('pending');
    const audited = one<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'backup.restore' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(audited.detail).undoneLotes).toMatchObject([{ number: '2026-0001', uuid: sent.uuid, state: 'sent' }]);

    const next = run('batch', 'create');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('Batch 2026-0002');
    // The first lote after the restore may carry again what the undone one carried: it says so until it is sent.
    expect(next.stdout).toContain('batch 2026-0001 (sent ');
    expect(next.stdout).toContain('undone by a restore');
    expect(next.stdout).toContain('check with Implanta what it applied before sending this batch');
    expect(run('batch', 'seal', '2026-0002').stdout).toContain('undone by a restore');

    const ack = join(desk.dir, 'resposta.json');
    writeFileSync(ack, JSON.stringify({ schemaVersion: 1, batch: sent.uuid, packageSha256: sent.sha, items: [{ id: correction.uuid, status: 'applied' }] }));
    const answered = run('batch', 'ack', ack);
    expect(answered.code).toBe(1);
    expect(answered.stderr).toContain('[ACK_UNKNOWN_BATCH]');
    expect(answered.stderr).toContain('lote 2026-0001');
    expect(answered.stderr).toContain('desfeito pela restauração');
    expect(one<{ status: string }>('SELECT status FROM corrections').status).toBe('batched');

    // A spreadsheet answer names no lote: its correction is now in 2026-0002, which says why.
    const sheet = join(desk.dir, 'resposta.csv');
    writeFileSync(sheet, `id;situação\r\n${correction.uuid};aplicada\r\n`);
    const bySheet = run('batch', 'ack', sheet);
    expect(bySheet.code).toBe(1);
    expect(bySheet.stderr).toContain('O lote 2026-0002 foi lacrado');
    expect(bySheet.stderr).toContain('Se a confirmação for do lote 2026-0001, enviado em');
    expect(bySheet.stderr).toContain('desfeito pela restauração');
  });
});

describe('a restore of a backup made after a lote was exported, before it was sent and answered', () => {
  it('says the lote is back to exported and to mark it sent again; the answer is refused until then, and applied once after', () => {
    const { registration } = one<{ registration: string }>('SELECT registration_number AS registration FROM professionals ORDER BY id LIMIT 1', exported.store);
    expect(exported.run('correct', registration, '--field', 'email', '--value', 'nova.caixa@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
    const lotes = join(exported.dir, 'lotes');
    mkdirSync(lotes);
    for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', lotes]]) expect(exported.run(...step).code).toBe(0);
    mkdirSync(join(exported.dir, 'backups'));
    const backup = exported.json('backup', 'create', '--out', join(exported.dir, 'backups')).body.file as string;
    expect(exported.run('batch', 'mark-sent', '2026-0001').code).toBe(0);
    const sent = one<{ uuid: string; sha: string }>("SELECT uuid, package_sha256 AS sha FROM batches WHERE number = '2026-0001'", exported.store);
    const correction = one<{ uuid: string }>('SELECT uuid FROM corrections', exported.store);
    const ack = join(exported.dir, 'resposta.json');
    writeFileSync(ack, JSON.stringify({ schemaVersion: 1, batch: sent.uuid, packageSha256: sent.sha, items: [{ id: correction.uuid, status: 'applied' }] }));
    expect(exported.run('batch', 'ack', ack).stdout).toContain('1 synced');

    const restored = exported.run('backup', 'restore', backup, '--yes');

    expect(restored.stdout).toContain('Batch 2026-0001 (answered, sent ');
    expect(restored.stdout).toContain('back to exported: the same batch; mark it sent again, then import Implanta');
    expect(restored.stdout).not.toContain('pending again');
    const early = exported.run('batch', 'ack', ack);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('O lote 2026-0001, enviado em');
    expect(early.stderr).toContain('marque-o como enviado de novo e importe esta confirmação outra vez');
    expect(early.stderr).toContain('[ACK_NOT_SENT]');
    expect(exported.run('batch', 'mark-sent', '2026-0001').code).toBe(0);
    const again = exported.run('batch', 'ack', ack);
    expect(again.stdout).toContain('1 synced, 0 rejected, 0 already answered');
    expect(one<{ status: string }>('SELECT status FROM corrections', exported.store).status).toBe('synced');
  });
});

describe('a restore of a backup made after a lote was sealed, before it was exported', () => {
  it('says to export the lote again, which gives the same package, and mark it sent', () => {
    const { registration } = one<{ registration: string }>('SELECT registration_number AS registration FROM professionals ORDER BY id LIMIT 1', sealed.store);
    expect(sealed.run('correct', registration, '--field', 'email', '--value', 'nova.caixa@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
    expect(sealed.run('batch', 'create').code).toBe(0);
    expect(sealed.run('batch', 'seal', '2026-0001').code).toBe(0);
    mkdirSync(join(sealed.dir, 'backups'));
    const backup = sealed.json('backup', 'create', '--out', join(sealed.dir, 'backups')).body.file as string;
    const lotes = join(sealed.dir, 'lotes');
    mkdirSync(lotes);
    const first = sealed.json('batch', 'export', '2026-0001', '--out', lotes).body as { sha256: string };
    expect(sealed.run('batch', 'mark-sent', '2026-0001').code).toBe(0);

    const restored = sealed.run('backup', 'restore', backup, '--yes');

    expect(restored.stdout).toContain('back to sealed: the same batch; export it again (the same package) and mark it sent, then import Implanta');
    const again = join(sealed.dir, 'de-novo');
    mkdirSync(again);
    expect(sealed.json('batch', 'export', '2026-0001', '--out', again).body.sha256).toBe(first.sha256);
  });
});

describe('a restore of a backup made after a lote was sent, before part of its answer came', () => {
  it('names the answer it undoes, and the same answer imports again', () => {
    for (const id of [1, 2]) {
      const { registration } = one<{ registration: string }>(`SELECT registration_number AS registration FROM professionals WHERE id = ${id}`, partly.store);
      expect(partly.run('correct', registration, '--field', 'email', '--value', `caixa.${id}@gmail.com`, '--reason', 'Pedido no balcão').code).toBe(0);
    }
    const lotes = join(partly.dir, 'lotes');
    mkdirSync(lotes);
    for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', lotes], ['batch', 'mark-sent', '2026-0001']]) {
      expect(partly.run(...step).code).toBe(0);
    }
    mkdirSync(join(partly.dir, 'backups'));
    const backup = partly.json('backup', 'create', '--out', join(partly.dir, 'backups')).body.file as string;
    const rejected = one<{ uuid: string }>('SELECT uuid FROM corrections ORDER BY id LIMIT 1', partly.store);
    const answer = join(partly.dir, 'resposta-parcial.csv');
    writeFileSync(answer, `id;situação;mensagem\r\n${rejected.uuid};rejeitada;E-mail recusado pela plataforma\r\n`);
    expect(partly.run('batch', 'ack', answer).stdout).toContain('1 rejected');

    const restored = partly.run('backup', 'restore', backup, '--yes');

    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain("Batch 2026-0001 (sent ");
    expect(restored.stdout).toContain("1 of Implanta's answers to it came after the backup and is undone: the same batch, still sent; import Implanta's answer again");
    const audited = one<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'backup.restore' ORDER BY id DESC LIMIT 1", partly.store);
    expect(JSON.parse(audited.detail).undoneLotes).toMatchObject([{ number: '2026-0001', state: 'sent', answered: 1, stateNow: 'sent', answeredNow: 0 }]);
    expect(one<{ status: string }>(`SELECT status FROM corrections WHERE uuid = '${rejected.uuid}'`, partly.store).status).toBe('sent');
    expect(partly.run('batch', 'ack', answer).stdout).toContain('1 rejected');
  });
});

describe('a restore of a backup made while a lote was under review, after it was sealed, sent and answered', () => {
  it('cancels that lote on the restored desk: its corrections are pending again, its number never sealed into another package, its answer refused naming it', () => {
    const { run, json } = reviewed;
    const { registration } = one<{ registration: string }>('SELECT registration_number AS registration FROM professionals ORDER BY id LIMIT 1', reviewed.store);
    expect(run('correct', registration, '--field', 'email', '--value', 'em.revisao@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
    expect(run('batch', 'create').code).toBe(0);
    mkdirSync(join(reviewed.dir, 'backups'));
    const backup = json('backup', 'create', '--out', join(reviewed.dir, 'backups')).body.file as string;
    const lotes = join(reviewed.dir, 'lotes');
    mkdirSync(lotes);
    for (const step of [['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', lotes], ['batch', 'mark-sent', '2026-0001']]) {
      expect(run(...step).code).toBe(0);
    }
    const sent = one<{ uuid: string; sha: string }>("SELECT uuid, package_sha256 AS sha FROM batches WHERE number = '2026-0001'", reviewed.store);
    const correction = one<{ uuid: string }>('SELECT uuid FROM corrections', reviewed.store);

    const restored = run('backup', 'restore', backup, '--yes');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Batch 2026-0001 \(sent [^)]*, 1 item\): under review in the backup: cancelled here, so no other package leaves under its number/);
    expect(restored.stdout).toContain('(or cancelled by the restore) that the backup holds are pending again');
    expect(restored.stdout).not.toMatch(/mark it sent again/);
    expect(one<{ state: string }>("SELECT state FROM batches WHERE number = '2026-0001'", reviewed.store).state).toBe('cancelled');
    expect(one<{ status: string; batch: number | null }>('SELECT status, batch_id AS batch FROM corrections', reviewed.store)).toEqual({ status: 'pending', batch: null });
    expect(run('batch', 'seal', '2026-0001').code).toBe(1);

    // Implanta's answer to the package it got: refused, naming the lote and what became of it.
    const ack = join(reviewed.dir, 'resposta.json');
    writeFileSync(ack, JSON.stringify({ schemaVersion: 1, batch: sent.uuid, packageSha256: sent.sha, items: [{ id: correction.uuid, status: 'applied' }] }));
    const answered = run('batch', 'ack', ack);
    expect(answered.code).toBe(1);
    expect(answered.stderr).toContain('desfeito pela restauração');
    expect(answered.stderr).toContain('No backup ele ainda estava em revisão; aqui ele foi cancelado');
    expect(answered.stderr).not.toMatch(/exporte-o|marque-o/);

    // The next lote takes a new number and says what the cancelled one may have carried.
    const next = run('batch', 'create');
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('Batch 2026-0002');
    expect(next.stdout).toContain('undone by a restore');
  });
});
