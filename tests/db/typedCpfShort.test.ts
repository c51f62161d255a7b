// A CPF the clerk types short of a digit is refused at the counter: padding it with a zero would make
// another, perhaps valid, person's CPF. A spreadsheet's number cell losing its leading zero is the
// import's case, not this one (tests/db/imports/correctionsColumns.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { addProfessional, EVIDENCE, openTestDesk, REASON, refusalOf, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk.cleanup());

describe('a CPF typed at the counter', () => {
  it('is refused when a digit is missing, and nothing is saved', async () => {
    desk = openTestDesk();
    const p = addProfessional(desk.store);
    const refused = await refusalOf(desk, 'corrections:save', { professionalId: p.id, expectedRowVersion: 1, changes: { cpf: '5555555776' }, reason: REASON, evidence: EVIDENCE });
    expect(refused).toMatchObject({ code: 'CPF_INVALID' });
    expect(refused.message).toMatch(/CPF incompleto: 5555555776 tem 10 dígitos/);
    expect(desk.store.db.prepare('SELECT count(*) FROM corrections').pluck().get()).toBe(0);
  });
});
