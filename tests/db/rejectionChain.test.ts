// A correction made on top of another still on its way answers that one's rejection. When Implanta
// rejects both, the record must show what Implanta still holds (the value before both), and both
// rejections stay to fix, whatever the order of the answers.
import { describe, expect, it } from 'vitest';
import type { BatchSummary, RecordView } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { correct, importAck, mariaSouzaForEachTest, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

const HELD = 'maria@exemplo.com.br';

let desk: BatchDesk;
let maria: Professional;
mariaSouzaForEachTest(HELD, (fresh, added) => {
  desk = fresh;
  maria = added;
});

type Sent = { batch: BatchSummary; sha256: string };

async function answer(sent: Sent, items: { id: string; status: string; message?: string }[]) {
  return importAck(desk, writeAck(desk, 'confirmacao.json', { schemaVersion: 1, batch: sent.batch.uuid, packageSha256: sent.sha256, items }));
}
const rejectedItem = (id: string) => ({ id, status: 'rejected', message: 'Domínio bloqueado' });
const view = () => desk.handlers['registry:get']({ id: maria.id }) as RecordView;
const toFix = () => (desk.handlers['corrections:list']({ status: 'rejected', unresolved: true, page: 0, pageSize: 25 }) as { items: { uuid: string }[] }).items.map((c) => c.uuid).sort();
const emailCorrection = (email: string) => correct(desk, maria, { email }).corrections[0]!.uuid;

/** prof.a in one lote, then prof.b on top of it, in a second lote or in the same one. */
async function twoCorrections(lotes: 1 | 2) {
  const first = emailCorrection('prof.a@gmail.com');
  const lote1 = lotes === 2 ? await sendBatch(desk) : null;
  const second = emailCorrection('prof.b@gmail.com');
  const lote2 = await sendBatch(desk);
  return { first, second, lote1: lote1 ?? lote2, lote2 };
}

describe('two corrections of one field, both rejected by Implanta', () => {
  it.each([
    ['in two lotes, the older answered first', 2, 'first'],
    ['in one lote answered in two files, the older item first', 1, 'first'],
    ['in two lotes, the newer answered first', 2, 'second'],
  ] as const)('%s: the record shows the value Implanta holds and both rejections are to fix', async (_name, lotes, answeredFirst) => {
    const { first, second, lote1, lote2 } = await twoCorrections(lotes);
    const answers = [() => answer(lote1, [rejectedItem(first)]), () => answer(lote2, [rejectedItem(second)])];
    if (answeredFirst === 'second') answers.reverse();
    for (const next of answers) await next();

    expect(view().professional.email).toBe(HELD);
    expect(toFix()).toEqual([first, second].sort());
    const last = answeredFirst === 'first' ? second : first;
    expect(view().history.filter((h) => h.kind === 'rejected' && h.correctionUuid === last)).toEqual([expect.objectContaining({ newValue: HELD })]);
  });

  it('the newer one applied instead: the record keeps it and the older rejection stays answered by it', async () => {
    const { first, second, lote1, lote2 } = await twoCorrections(2);
    await answer(lote1, [rejectedItem(first)]);
    await answer(lote2, [{ id: second, status: 'applied' }]);

    expect(view().professional.email).toBe('prof.b@gmail.com');
    expect(toFix()).toEqual([]);
  });
});

describe('the correction that answered a rejection', () => {
  it.each([
    ['still pending', false],
    ['in a lote still under review', true],
  ] as const)('cancelled while %s: the rejection is to fix again and the record shows the value Implanta holds', async (_name, inOpenLote) => {
    const first = emailCorrection('prof.a@gmail.com');
    const lote = await sendBatch(desk);
    const second = emailCorrection('prof.b@gmail.com');
    if (inOpenLote) await desk.handlers['batches:create']({});
    await answer(lote, [rejectedItem(first)]);
    expect(toFix()).toEqual([]);

    desk.handlers['corrections:cancel']({ uuid: second, reason: 'Profissional desistiu da troca' });

    expect(view().professional.email).toBe(HELD);
    expect(toFix()).toEqual([first]);
  });

  it('applied by Implanta before the older correction was rejected: the rejection is not to fix, the record keeps the applied value', async () => {
    const { first, second, lote1, lote2 } = await twoCorrections(2);
    await answer(lote2, [{ id: second, status: 'applied' }]);
    await answer(lote1, [rejectedItem(first)]);

    expect(view().professional.email).toBe('prof.b@gmail.com');
    expect(toFix()).toEqual([]);
    expect(view().corrections.find((c) => c.uuid === first)).toMatchObject({ resolution: 'corrected', resolutionNote: second });
  });
});
