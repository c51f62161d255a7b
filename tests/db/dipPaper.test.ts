// The DIP's paper side as the clerk records it: the signed form, the 3×4 photo and the payment
// receipt arrive by post or in person; each arrival is kept with its day, way and operator, can be
// undone, goes into the audit trail without anyone's data, and the record says when all arrived.
// Paper is taken only while a request can use it (not before a request, not once the card is in
// confecção or made), on a plausible day; an arrival already recorded can always be undone.
import { afterEach, describe, expect, it } from 'vitest';
import type { DipPaper } from '../../shared/contract';
import type { DipStatus } from '../../shared/domain';
import { paperSummary } from '../../shared/rules/dipPaper';
import { addProfessional, answerOf, openTestDesk, refusalOf, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk.cleanup());

const rows = () => desk.store.db.prepare('SELECT count(*) FROM dip_paper_items').pluck().get();
const dipAudit = () => desk.store.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'dip.%'").pluck().get();

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
    expect(await refusalOf(desk, 'dip:undo', { professionalId: maria.id, item: 'photo' })).toMatchObject({ code: 'DIP_PAPER_STATE', message: `${maria.name} (registro ${maria.registrationNumber}): Foto 3×4 não tem chegada registrada. Nada foi desfeito.` });
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

  it('refuses a day before 01/01/2000 as a mistyped year, saying so, and writes nothing', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { dipStatus: 'requested' });
    for (const arrivedOn of ['01/01/1900', '31/12/1999', '1925-12-02']) {
      expect(await refusalOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn, way: 'post' })).toEqual({
        code: 'DATE_INVALID',
        message: 'A data de chegada não pode ser antes de 01/01/2000: confira o ano.',
        field: 'arrivedOn',
      });
    }
    expect(rows()).toBe(0);
    expect(dipAudit()).toBe(0);
    // The first day of the floor is taken.
    expect(await answerOf<DipPaper>(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn: '01/01/2000', way: 'post' })).toMatchObject({ missing: ['photo', 'payment_receipt'] });
  });

  it('refuses an arrival for a DIP not requested, and for one in confecção, issued or delivered, naming the record and the DIP status, and writes nothing', async () => {
    desk = openTestDesk();
    const cases: [DipStatus, RegExp][] = [
      ['none', /o DIP está “Não solicitado” — não há solicitação de DIP à espera de documentos/],
      ['in_manufacture', /o DIP está “Em confecção” — a solicitação não espera mais documentos/],
      ['issued', /o DIP está “Emitido” — a solicitação não espera mais documentos/],
      ['delivered', /o DIP está “Entregue” — a solicitação não espera mais documentos/],
    ];
    for (const [dipStatus, reason] of cases) {
      const p = addProfessional(desk.store, { dipStatus });
      const refused = await refusalOf(desk, 'dip:arrive', { professionalId: p.id, item: 'form', arrivedOn: '07/03/2025', way: 'post' });
      expect(refused).toMatchObject({ code: 'DIP_PAPER_STATE', message: reason });
      expect(refused.message).toContain(`${p.name} (registro ${p.registrationNumber})`);
      expect(refused.message).toContain('A chegada não foi registrada.');
    }
    expect(rows()).toBe(0);
    expect(dipAudit()).toBe(0);
  });

  it('still takes paper for a DIP requested, awaiting documents or confirmed', async () => {
    desk = openTestDesk();
    for (const dipStatus of ['requested', 'awaiting_documents', 'confirmed'] as const) {
      const p = addProfessional(desk.store, { dipStatus });
      await answerOf(desk, 'dip:arrive', { professionalId: p.id, item: 'photo', arrivedOn: '2025-03-07', way: 'in_person' });
    }
    expect(rows()).toBe(3);
  });

  it('undoes an arrival recorded by mistake even after the DIP moved on to issued', async () => {
    desk = openTestDesk();
    const maria = addProfessional(desk.store, { dipStatus: 'requested' });
    await answerOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn: '2025-03-07', way: 'post' });
    desk.store.db.prepare("UPDATE professionals SET dip_status = 'issued' WHERE id = ?").run(maria.id);
    const undone = await answerOf<DipPaper>(desk, 'dip:undo', { professionalId: maria.id, item: 'form' });
    expect(undone).toMatchObject({ dipStatus: 'issued', missing: ['form', 'photo', 'payment_receipt'], complete: false });
    // …but it is not taken again: the card is made.
    expect(await refusalOf(desk, 'dip:arrive', { professionalId: maria.id, item: 'form', arrivedOn: '2025-03-08', way: 'post' })).toMatchObject({ code: 'DIP_PAPER_STATE' });
    expect(desk.store.db.prepare('SELECT count(*) FROM dip_paper_items WHERE undone_at IS NULL').pluck().get()).toBe(0);
  });

  it('says in words that the documents do not apply to a DIP that does not wait for them, never "Faltam"', async () => {
    desk = openTestDesk();
    const issued = addProfessional(desk.store, { dipStatus: 'issued' });
    const none = addProfessional(desk.store, { dipStatus: 'none' });
    expect(paperSummary(await answerOf<DipPaper>(desk, 'dip:items', { professionalId: issued.id }))).toBe(
      'Documentos do DIP não se aplicam: o DIP está “Emitido” e não espera documentos.',
    );
    expect(paperSummary(await answerOf<DipPaper>(desk, 'dip:items', { professionalId: none.id }))).toBe(
      'Documentos do DIP não se aplicam: o DIP está “Não solicitado” e não espera documentos.',
    );
    const requested = addProfessional(desk.store, { dipStatus: 'requested' });
    expect(paperSummary(await answerOf<DipPaper>(desk, 'dip:items', { professionalId: requested.id }))).toBe('Faltam: Formulário assinado, Foto 3×4, Comprovante de pagamento');
  });
});
