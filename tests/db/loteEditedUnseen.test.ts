// Another program edits a correction's new value, or a record's CPF, straight in the store, with the
// seal queue's triggers dropped and made again as they were: neither the open nor the look before
// each write sees it. Sealing the lote must not carry the edit to Implanta (and seal it in for good):
// the record leaves the lote, its corrections stay pending, the trail records the edit, and the
// clerk frees it by doing the work again at the desk.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../db/auditReplay';
import { findProfessional } from '../../db/registry';
import type { BatchSummary } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { openRawStore } from '../rawStore';
import { addProfessional, correct, exportPackage, openBatchDesk, packageLines, type BatchDesk } from './batchFixtures';

const EDITED = /Alterado fora do CRESS Desk depois de gravado: .*As correções deste cadastro ficam fora do lote/;

let desk: BatchDesk;
let ana: Professional;
let bia: Professional;
let anaFix: string;
let biaFix: string;
beforeEach(() => {
  desk = openBatchDesk();
  ana = addProfessional(desk.store, { registrationNumber: '50001' });
  bia = addProfessional(desk.store, { registrationNumber: '50002' });
  anaFix = correct(desk, ana, { email: 'ana.nova@exemplo.com.br' }).corrections[0]!.uuid;
  biaFix = correct(desk, bia, { email: 'bia.nova@exemplo.com.br' }).corrections[0]!.uuid;
});
afterEach(() => desk.cleanup());

/** Another program on the same file, leaving no row in the seal queue and no trigger out of place. */
function editUnseen(trigger: string, sql: string): void {
  const db: Database.Database = openRawStore(desk.store.path);
  try {
    const made = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(trigger) as string;
    db.exec(`DROP TRIGGER ${trigger}`);
    db.prepare(sql).run();
    db.exec(made);
  } finally {
    db.close();
  }
}

const statusOf = (uuid: string) => desk.store.db.prepare('SELECT status FROM corrections WHERE uuid = ?').pluck().get(uuid);
const outsideChanges = () =>
  (desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'store.outside_changes' ORDER BY id").pluck().all() as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);
const stem = (path: string) => (path.split('/').pop() as string).replace(/\.zip$/, '');

async function createAndSeal(): Promise<{ created: BatchSummary; sealed: BatchSummary }> {
  const created = await desk.handlers['batches:create']({});
  return { created, sealed: await desk.handlers['batches:seal']({ id: created.id }) };
}

describe('sealing a lote after another program edited what it carries', () => {
  it('leaves out the record whose correction was edited: Implanta never gets the edited value', async () => {
    editUnseen('corrections_unsealed_update', `UPDATE corrections SET new_value = 'golpe@exemplo.com' WHERE uuid = '${anaFix}'`);
    const { created, sealed } = await createAndSeal();

    expect(sealed.counts.corrections).toBe(1);
    expect(created.heldBack).toEqual([expect.objectContaining({ registrationNumber: '50001', corrections: 1, message: expect.stringMatching(EDITED) })]);
    expect(created.heldBack?.[0]?.message).toMatch(/uma correção dele \(valor novo\)/);
    expect(created.heldBack?.[0]?.message).not.toContain('golpe');
    expect([statusOf(anaFix), statusOf(biaFix)]).toEqual(['pending', 'batched']);
    const exported = await exportPackage(desk, sealed.id, 'out');
    const lines = packageLines(exported.path, stem(exported.path), 'corrections.jsonl');
    expect(JSON.stringify(lines)).not.toContain('golpe');
    expect(lines).toEqual([expect.objectContaining({ registrationNumber: '50002' })]);

    // Recorded as found before a write, and still named by verify: nothing sealed the edit in.
    const edited = desk.store.db.prepare('SELECT id FROM corrections WHERE uuid = ?').pluck().get(anaFix);
    expect(outsideChanges()).toEqual([expect.objectContaining({ corrections: 1, found: 'write', rows: [{ t: 'c', id: edited, c: ['new_value'] }] })]);
    expect(verifyAudit(desk.store.db).ok).toBe(false);
  });

  it('takes out at sealing the record whose CPF was edited after the lote was made, and records it once however often the clerk tries', async () => {
    const created = await desk.handlers['batches:create']({});
    expect(created.counts.corrections).toBe(2);
    editUnseen('professionals_unsealed_update', `UPDATE professionals SET cpf = '11144477735' WHERE id = ${ana.id}`);
    const sealed = await desk.handlers['batches:seal']({ id: created.id });
    expect(sealed.heldBack).toEqual([expect.objectContaining({ registrationNumber: '50001', message: expect.stringMatching(/o cadastro \(CPF\)/) })]);
    expect(sealed.counts.corrections).toBe(1);
    expect(statusOf(anaFix)).toBe('pending');
    const exported = await exportPackage(desk, sealed.id, 'out');
    expect(JSON.stringify(packageLines(exported.path, stem(exported.path), 'corrections.jsonl'))).not.toContain('11144477735');

    // The next lote takes her back out when sealed, without a second entry in the trail.
    desk.handlers['batches:markSent']({ id: sealed.id });
    correct(desk, bia, { phone: '11987654321' });
    const next = await createAndSeal();
    expect(next.sealed.heldBack).toEqual([expect.objectContaining({ registrationNumber: '50001' })]);
    expect(next.sealed.counts.corrections).toBe(1);
    expect(outsideChanges()).toHaveLength(1);
  });

  it('lets the record go once the clerk cancels the edited correction and saves the field again', async () => {
    editUnseen('corrections_unsealed_update', `UPDATE corrections SET new_value = 'golpe@exemplo.com' WHERE uuid = '${anaFix}'`);
    const first = await createAndSeal();
    expect(first.created.heldBack).toHaveLength(1);
    await exportPackage(desk, first.sealed.id, 'out');
    desk.handlers['batches:markSent']({ id: first.sealed.id });

    // She checks the document again and saves what it shows.
    desk.handlers['corrections:cancel']({ uuid: anaFix, reason: 'Valor alterado fora do CRESS Desk' });
    const again = correct(desk, findProfessional(desk.store.db, '50001') as Professional, { email: 'ana.conferida@exemplo.com.br' }).corrections[0]!.uuid;
    const second = await createAndSeal();
    expect([second.created.heldBack, second.sealed.heldBack]).toEqual([undefined, undefined]);
    expect([statusOf(anaFix), statusOf(again)]).toEqual(['cancelled', 'batched']);
  });

  it('takes everything when nothing was edited outside the desk', async () => {
    const { created, sealed } = await createAndSeal();
    expect([created.heldBack, sealed.heldBack]).toEqual([undefined, undefined]);
    expect(sealed.counts.corrections).toBe(2);
    expect(outsideChanges()).toEqual([]);
  });
});
