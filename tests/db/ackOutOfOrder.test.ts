// Implanta answers two lotes that corrected one field out of order: the newer lote's answer first,
// then the older one's, "applied" too. The desk cannot know in which order Implanta applied them,
// so it keeps the newer value and says, in the answer's result, the record's history and the audit
// entry, that Implanta may now hold the older one.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, correctAndSend, importAck, mariaSouzaForEachTest, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

const FIRST = 'maria.souza@gmail.com';
const SECOND = 'maria.souza@yahoo.com.br';

let desk: BatchDesk;
let maria: Professional;
mariaSouzaForEachTest('maria@exemplo.com.br', (fresh, added) => {
  desk = fresh;
  maria = added;
});

/** Maria's e-mail corrected to `email`, and a lote with that correction sent. */
const sendEmail = (email: string) => correctAndSend(desk, maria, { email });
type Sent = Awaited<ReturnType<typeof sendEmail>>;

function answer(sent: Sent, status: 'applied' | 'rejected', options: { dryRun?: boolean } = {}) {
  const file = writeAck(desk, `resposta-${sent.batch.number}.json`, {
    schemaVersion: 1,
    batch: sent.batch.uuid,
    packageSha256: sent.sha256,
    items: [{ id: sent.uuid, status, ...(status === 'rejected' ? { message: 'Recusada.' } : {}) }],
  });
  if (!options.dryRun) return importAck(desk, file);
  return desk.job<Awaited<ReturnType<typeof importAck>>>(desk.handlers['batches:acknowledge']({ path: file, fileName: 'resposta.json', dryRun: true }));
}

const emailNow = () => (desk.handlers['registry:get']({ id: maria.id }) as { professional: Professional }).professional.email;
const historyNote = (uuid: string) =>
  (desk.store.db.prepare("SELECT note FROM record_history WHERE correction_uuid = ? AND kind = 'synced'").get(uuid) as { note: string | null } | undefined)?.note ?? null;
const lastAuditDetail = () => JSON.parse((desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'batch.acknowledge' ORDER BY id DESC LIMIT 1").get() as { detail: string }).detail);

describe('an older lote answered as applied after a newer lote of the same field', () => {
  it('keeps the newer value on the record and names the field, both values and both lotes', async () => {
    const older = await sendEmail(FIRST);
    const newer = await sendEmail(SECOND);
    expect((await answer(newer, 'applied')).outOfOrder).toEqual([]);

    const result = await answer(older, 'applied');

    expect(result.applied).toBe(1);
    expect(emailNow()).toBe(SECOND);
    expect(result.outOfOrder).toEqual([
      {
        registrationNumber: maria.registrationNumber,
        name: 'Maria Souza',
        field: 'email',
        fieldLabel: 'E-mail',
        appliedValue: FIRST,
        newerValue: SECOND,
        newerBatchNumber: newer.batch.number,
      },
    ]);
    expect(historyNote(older.uuid)).toBe(
      `A Implanta respondeu esta correção depois da mais nova (lote ${newer.batch.number}, “${SECOND}”), que já tinha aplicado: ela pode estar agora com “${FIRST}”. Confirme com a Implanta qual valor ficou; a mesa mantém “${SECOND}”.`,
    );
    expect(lastAuditDetail()).toMatchObject({ applied: 1, outOfOrder: 1 });
    expect(verifyAuditChain(desk.store.db).ok).toBe(true);
  });

  it('says so in the preview too, and the preview changes nothing', async () => {
    const older = await sendEmail(FIRST);
    const newer = await sendEmail(SECOND);
    await answer(newer, 'applied');

    const preview = await answer(older, 'applied', { dryRun: true });

    expect(preview.outOfOrder).toEqual([expect.objectContaining({ field: 'email', appliedValue: FIRST, newerValue: SECOND })]);
    const status = desk.store.db.prepare('SELECT status FROM corrections WHERE uuid = ?').pluck().get(older.uuid);
    expect(status).toBe('sent');
  });

  it('says nothing when the lotes are answered in the order they were sent', async () => {
    const older = await sendEmail(FIRST);
    const newer = await sendEmail(SECOND);
    expect((await answer(older, 'applied')).outOfOrder).toEqual([]);
    expect((await answer(newer, 'applied')).outOfOrder).toEqual([]);
    expect(emailNow()).toBe(SECOND);
    expect(historyNote(older.uuid)).toBeNull();
  });

  it('says nothing when the newer lote was rejected: the record already holds the older value, as Implanta does', async () => {
    const older = await sendEmail(FIRST);
    const newer = await sendEmail(SECOND);
    await answer(newer, 'rejected');
    expect(emailNow()).toBe(FIRST);

    expect((await answer(older, 'applied')).outOfOrder).toEqual([]);
    expect(emailNow()).toBe(FIRST);
  });

  it('says nothing about another field or another record corrected in the newer lote', async () => {
    const ana = addProfessional(desk.store, { name: 'Ana Lima', email: 'ana@exemplo.com.br' });
    const older = await sendEmail(FIRST);
    correct(desk, ana, { email: 'ana.lima@gmail.com' });
    correct(desk, maria, { phone: '(11) 98765-4321' });
    const newer = await sendBatch(desk);
    const items = desk.store.db.prepare('SELECT uuid FROM corrections WHERE batch_id = ?').pluck().all(newer.batch.id) as string[];
    await importAck(desk, writeAck(desk, 'resposta-nova.json', { schemaVersion: 1, batch: newer.batch.uuid, packageSha256: newer.sha256, items: items.map((id) => ({ id, status: 'applied' })) }));

    expect((await answer(older, 'applied')).outOfOrder).toEqual([]);
  });
});
