// What a clerk types in free text (a reason, a document's note, an atendimento's summary) reaches
// the record, the lote's CSV for Implanta and the e-mails as words only: a pasted terminal escape,
// a bell or an invisible bidirectional override never gets stored, while an atendimento's lines
// and tabs stay.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/contacts';
import { addProfessional, answerOf, EVIDENCE, openTestDesk, type TestDesk } from './fixtures';

const ESCAPE = '\u001b]0;título trocado\u0007';
const RIGHT_TO_LEFT_OVERRIDE = '\u202e';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

const stored = (sql: string) => desk.store.db.prepare(sql).get() as Record<string, string | null>;

describe('free text typed by the clerk', () => {
  it('keeps the words of a correction’s reason and document note, without control characters or overrides', async () => {
    const maria = addProfessional(desk.store, {});
    await answerOf(desk, 'corrections:save', {
      professionalId: maria.id,
      expectedRowVersion: maria.rowVersion,
      changes: { email: 'maria.nova@exemplo.com.br' },
      reason: `Pedido ${ESCAPE}no balcão\u0001`,
      evidence: { ...EVIDENCE, kind: `R${RIGHT_TO_LEFT_OVERRIDE}G`, note: `cópia\tautenticada${RIGHT_TO_LEFT_OVERRIDE} gpj.exe` },
      dipAcknowledged: true,
    });
    expect(stored('SELECT reason, evidence_kind AS kind, evidence_note AS note FROM corrections')).toEqual({
      reason: 'Pedido ]0;título trocado no balcão',
      kind: 'RG',
      note: 'cópia autenticada gpj.exe',
    });
  });

  it('refuses a reason that is nothing but control characters, as it refuses an empty one', async () => {
    const maria = addProfessional(desk.store, {});
    const envelope = await desk.dispatch('corrections:save', {
      professionalId: maria.id,
      expectedRowVersion: maria.rowVersion,
      changes: { email: 'maria.nova@exemplo.com.br' },
      reason: '\u0007\u0007\u0007\u0007\u0007\u0007',
      evidence: EVIDENCE,
      dipAcknowledged: true,
    } as never);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
  });

  it('keeps an atendimento’s lines and tabs, and drops the rest', async () => {
    const contact = await answerOf<Contact>(desk, 'contacts:add', {
      channel: 'email',
      case: 'C',
      summary: `Não entra na plataforma${ESCAPE}\r\nDesde ontem:\tmensagem em inglês${RIGHT_TO_LEFT_OVERRIDE}`,
      notes: `Ligou duas vezes\u0000`,
      name: `Joana Prado\u202e`,
    });
    expect(contact.person.name).toBe('Joana Prado');
    expect(contact.summary).toBe('Não entra na plataforma]0;título trocado\nDesde ontem:\tmensagem em inglês');
    expect(stored('SELECT summary, notes FROM contacts')).toEqual({ summary: contact.summary, notes: 'Ligou duas vezes' });
  });
});
