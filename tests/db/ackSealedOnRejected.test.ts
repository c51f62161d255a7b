// Implanta rejects a correction while a later correction of the same field is already in a sealed
// lote: that lote tells Implanta the field goes from the value it just refused to the newer one,
// while Implanta holds the value before both. A sealed lote never changes (its package may be out
// already), so the answer's result says which lote carries which old value, for the clerk to watch
// that correction's answer; a later correction not sealed yet is simply rebased, and not listed.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit';
import type { Professional } from '../../shared/domain';
import { correct, correctAndSend, importAck, mariaSouzaForEachTest, writeAck, type BatchDesk } from './batchFixtures';

const BEFORE = 'maria@exemplo.com.br';
const FIRST = 'maria.souza@gmail.com';
const SECOND = 'maria.souza@yahoo.com.br';

let desk: BatchDesk;
let maria: Professional;
mariaSouzaForEachTest(BEFORE, (fresh, added) => {
  desk = fresh;
  maria = added;
});

/** Maria's e-mail corrected to `email`, and a lote with that correction sent. */
const sendEmail = (email: string) => correctAndSend(desk, maria, { email });
type Sent = Awaited<ReturnType<typeof sendEmail>>;

function reject(sent: Sent) {
  const file = writeAck(desk, `resposta-${sent.batch.number}.json`, {
    schemaVersion: 1,
    batch: sent.batch.uuid,
    packageSha256: sent.sha256,
    items: [{ id: sent.uuid, status: 'rejected', message: 'E-mail não confirmado.' }],
  });
  return importAck(desk, file);
}

const lastAuditDetail = () => JSON.parse((desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'batch.acknowledge' ORDER BY id DESC LIMIT 1").get() as { detail: string }).detail);

describe('a rejection answered while a later correction of the field is in a sealed lote', () => {
  it('names the later lote, the old value it carries and the value Implanta kept', async () => {
    const first = await sendEmail(FIRST);
    const second = await sendEmail(SECOND);

    const result = await reject(first);

    expect(result.rejected).toBe(1);
    expect(result.sealedOnRejected).toEqual([
      {
        registrationNumber: maria.registrationNumber,
        name: 'Maria Souza',
        field: 'email',
        fieldLabel: 'E-mail',
        carriedOldValue: FIRST,
        newValue: SECOND,
        implantaValue: BEFORE,
        batchNumber: second.batch.number,
      },
    ]);
    expect(lastAuditDetail()).toMatchObject({ rejected: 1, sealedOnRejected: 1 });
    expect(verifyAuditChain(desk.store.db).ok).toBe(true);
  });

  it('lists nothing when the later correction is not in a sealed lote yet (it is rebased on Implanta\'s value)', async () => {
    const first = await sendEmail(FIRST);
    correct(desk, maria, { email: SECOND });

    const result = await reject(first);

    expect(result.sealedOnRejected).toEqual([]);
    const pending = desk.store.db.prepare("SELECT old_value AS oldValue FROM corrections WHERE new_value = ? AND status = 'pending'").get(SECOND) as { oldValue: string };
    expect(pending.oldValue).toBe(BEFORE);
  });

  it('lists nothing when no later correction of the field exists', async () => {
    const first = await sendEmail(FIRST);
    expect((await reject(first)).sealedOnRejected).toEqual([]);
  });
});
