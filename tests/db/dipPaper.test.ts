// The DIP's paper side as the clerk records it: the signed form, the 3×4 photo and the payment
// receipt arrive by post or in person; each arrival is kept with its day, way and operator, can be
// undone, goes into the audit trail without anyone's data, and the record says when all arrived.
import { afterEach, describe, expect, it } from 'vitest';
import type { DipPaper } from '../../shared/contract';
import { addProfessional, answerOf, openTestDesk, refusalOf, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk.cleanup());

const rows = () => desk.store.db.prepare('SELECT count(*) FROM dip_paper_items').pluck().get();

describe('recording the arrival of the DIP paper items', () => {
  it('shows the form as arrived on its day, by post, by the operator, and the photo and receipt as still missing', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { dipStatus: 'awaiting_documents' });
    const paper = await answerOf<DipPaper>(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn: '07/03/2025', way: 'post' });
    expect(paper.items[0]).toEqual({ item: 'form', arrival: { arrivedOn: '2025-03-07', way: 'post', operator: 'Ana Paula', recordedAt: '2025-03-10T13:00:00.000Z' } });
    expect(paper.missing).toEqual(['photo', 'payment_receipt']);
    expect(paper.complete).toBe(false);
    // Read again later, the same.
    expect(await answerOf<DipPaper>(desk, 'dip:items', { professionalId: maria.id })).toEqual(paper);
  });

  it('says the documents are complete once all three arrived on a DIP requested or awaiting documents, and not on a DIP already confirmed', async () => {
    desk = openTestDesk();
    const requested = addProfessional(desk.store, { dipStatus: 'requested' });
    const confirmed = addProfessional(desk.store, { dipStatus: 'confirmed' });
    for (const p of [requested, confirmed]) {
      await answerOf(desk, 'dip:arrive', { professionalId: p.id, item: 'form', arrivedOn: '2025-03-03', way: 'post' });
      await answerOf(desk, 'dip:arrive', { professionalId: p.id, item: 'photo', arrivedOn: '2025-03-04', way: 'in_person' });
      await answerOf(desk, 'dip:arrive', { professionalId: p.id, item: 'payment_receipt', arrivedOn: '10/03/2025', way: 'in_person' });
    }
    expect(await answerOf<DipPaper>(desk, 'dip:items', { professionalId: requested.id })).toMatchObject({ missing: [], complete: true });
    expect(await answerOf<DipPaper>(desk, 'dip:items', { professionalId: confirmed.id })).toMatchObject({ missing: [], complete: false });
  });

  it('undoes an arrival recorded by mistake, lists the item as missing again, and takes it again afterwards', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { dipStatus: 'requested' });
    await answerOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'photo', arrivedOn: '2025-03-05', way: 'in_person' });
    const undone = await answerOf<DipPaper>(desk, 'dip:undo', { professionalId: maria.id, item: 'photo' });
    expect(undone.items[1]).toEqual({ item: 'photo', arrival: null });
    expect(undone.missing).toEqual(['form', 'photo', 'payment_receipt']);
    const again = await answerOf<DipPaper>(desk, 'dip:arrive', { professionalId: maria.id, item: 'photo', arrivedOn: '2025-03-09', way: 'post' });
    expect(again.items[1]?.arrival).toMatchObject({ arrivedOn: '2025-03-09', way: 'post' });
  });

  it('refuses an item for a professional the desk does not have, and writes nothing', async () => {
    desk = openTestDesk();
    expect(await refusalOf(desk, 'dip:arrive', { professionalId: 999, item: 'form', arrivedOn: '2025-03-07', way: 'post' })).toMatchObject({ code: 'PROFESSIONAL_NOT_FOUND' });
    expect(await refusalOf(desk, 'dip:items', { professionalId: 999 })).toMatchObject({ code: 'PROFESSIONAL_NOT_FOUND' });
    expect(rows()).toBe(0);
  });

  it('refuses a day after today and a day the calendar does not have, saying why', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { dipStatus: 'requested' });
    expect(await refusalOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn: '11/03/2025', way: 'post' })).toEqual({
      code: 'DATE_INVALID',
      message: 'A data de chegada não pode ser depois de hoje.',
      field: 'arrivedOn',
    });
    expect(await refusalOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn: '30/02/2025', way: 'post' })).toMatchObject({ code: 'DATE_INVALID', message: /não existe no calendário/ });
    expect(rows()).toBe(0);
  });

  it('refuses a second arrival of the same item and an undo of an item that never arrived', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { dipStatus: 'requested' });
    await answerOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn: '2025-03-07', way: 'post' });
    expect(await refusalOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn: '2025-03-08', way: 'in_person' })).toMatchObject({
      code: 'DIP_PAPER_STATE',
      message: 'Formulário assinado já tem chegada registrada em 07/03/2025. Desfaça o registro antes de registrar de novo.',
    });
    expect(await refusalOf(desk, 'dip:undo', { professionalId: maria.id, item: 'photo' })).toMatchObject({ code: 'DIP_PAPER_STATE', message: 'Foto 3×4 não tem chegada registrada.' });
    expect(rows()).toBe(1);
  });

  it('puts each arrival and undo in the record\'s audit trail in Portuguese, with no name or CPF, and the trail stays intact', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { dipStatus: 'requested' });
    await answerOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'payment_receipt', arrivedOn: '2025-03-06', way: 'in_person' });
    await answerOf(desk, 'dip:undo', { professionalId: maria.id, item: 'payment_receipt' });
    const view = await answerOf<{ audit: { summary: string; operator: string }[] }>(desk, 'registry:get', { id: maria.id });
    expect(view.audit.map((a) => a.summary)).toEqual([
      'DIP: chegada desfeita — Comprovante de pagamento (06/03/2025)',
      'DIP: chegada registrada — Comprovante de pagamento, 06/03/2025, Pessoalmente',
    ]);
    const details = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action LIKE 'dip.%'").pluck().all() as string[];
    for (const detail of details) {
      expect(detail).not.toContain(maria.cpf);
      expect(detail).not.toContain('Maria');
    }
    expect(await answerOf(desk, 'audit:verify', {})).toMatchObject({ ok: true });
  });
});
