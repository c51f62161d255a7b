// A CPF the clerk mistyped while checking a caller's identity — a digit short, a letter, wrong check
// digits — is the clerk's slip, not the caller's wrong answer: it is refused with the reason and
// counts no attempt, so three typos never lock the professional out of the check for a day.
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact, IdentityCheck } from '../../shared/contract/contacts';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, answerOf, openTestDesk, refusalOf, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk.cleanup());

describe('a mistyped CPF in the identity check', () => {
  it('is refused with the reason, records no check, and the right answer still confirms', async () => {
    desk = openTestDesk();
    const amanda = addProfessional(desk.store, { motherName: 'Rosa Maria da Silva', motherNotListed: false });
    const contact = await answerOf<Contact>(desk, 'contacts:add', { professionalId: amanda.id, channel: 'phone', case: 'D', summary: 'Não consegue o primeiro acesso' });
    const typed = formatCpf(amanda.cpf);
    const slips = [typed.slice(0, -1), `${typed.slice(0, 3)}x${typed.slice(4)}`, `${amanda.cpf.slice(0, 9)}${(Number(amanda.cpf[9]) + 1) % 10}${amanda.cpf[10]}`, '123'];
    for (const cpf of slips) {
      const refused = await refusalOf(desk, 'contacts:checkIdentity', { id: contact.id, cpf, motherName: 'Rosa Maria da Silva' });
      expect(refused).toMatchObject({ code: 'CPF_INVALID' });
      expect(refused.message).toContain('não conta como tentativa');
    }
    const events = (await answerOf<Contact>(desk, 'contacts:get', { id: contact.id })).events.map((e) => e.kind);
    expect(events).not.toContain('identity_checked');
    const check = await answerOf<IdentityCheck>(desk, 'contacts:checkIdentity', { id: contact.id, cpf: typed, motherName: 'rosa maria da silva' });
    expect(check).toMatchObject({ cpfMatches: true, motherMatches: true, confirmed: true });
  });

  it('still counts a well-formed CPF of someone else as a wrong answer', async () => {
    desk = openTestDesk();
    const amanda = addProfessional(desk.store, { motherName: 'Rosa Maria da Silva', motherNotListed: false });
    const other = addProfessional(desk.store, { motherName: 'Ana Souza', motherNotListed: false });
    const contact = await answerOf<Contact>(desk, 'contacts:add', { professionalId: amanda.id, channel: 'phone', case: 'D', summary: 'Não consegue o primeiro acesso' });
    const check = await answerOf<IdentityCheck>(desk, 'contacts:checkIdentity', { id: contact.id, cpf: other.cpf, motherName: 'Rosa Maria da Silva' });
    expect(check).toMatchObject({ cpfMatches: false, confirmed: false });
  });
});
