// The identity check compares the caller's answer with the record's filiação. A record that has
// neither the mother's name nor "Não consta mãe" (the desk's own pendência) gives nothing to compare
// with: the check says so and counts no attempt, instead of answering "não confere" and locking the
// professional out of the check for a day after three tries.
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/contacts';
import { addProfessional, answerOf, openTestDesk, refusalOf, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk.cleanup());

describe('the identity check on a record with no filiação', () => {
  it('says there is nothing to compare with, records no check and never locks', async () => {
    desk = openTestDesk();
    const amanda = addProfessional(desk.store, { motherName: null, motherNotListed: false });
    const contact = await answerOf<Contact>(desk, 'contacts:add', { professionalId: amanda.id, channel: 'phone', case: 'D', summary: 'Não consegue o primeiro acesso' });
    for (let i = 0; i < 4; i++) {
      const refused = await refusalOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf: amanda.cpf, motherName: 'Rosa Maria da Silva' });
      expect(refused).toMatchObject({ code: 'CONTACT_STATE' });
      expect(refused.message).toContain('O cadastro não tem o nome da mãe nem “Não consta mãe”');
      expect(refused.message).not.toContain('três vezes');
    }
    const events = (await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).events.map((e) => e.kind);
    expect(events).not.toContain('identity_checked');
  });
});
