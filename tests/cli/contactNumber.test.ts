// An atendimento named by its number on the command line is the one whose protocol the clerk sees
// with that number this year (AT-2027-000001 is "1" in 2027), never the store's inner row id, which
// an atendimento of an earlier year also has.
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';
import { openRawStore } from '../rawStore';

const year = Number(new Date().toLocaleString('en-US', { timeZone: 'America/Sao_Paulo', year: 'numeric' }));
const protocol = (y: number, seq: number) => `AT-${y}-${String(seq).padStart(6, '0')}`;

const desk = cliDesk('cress-contact-number-', (d) => {
  initDesk(d, { professionals: 5, seed: 4 });
  for (const registration of ['1000', '1001']) expect(d.run('contact', 'add', registration, '--channel', 'phone', '--case', 'F', '--summary', 'Não consegue entrar').code).toBe(0);
  // Those two were opened last year (as a desk in use since then has them).
  const db = openRawStore(d.store);
  try {
    db.prepare("UPDATE contacts SET year = ?, protocol = 'AT-' || ? || '-' || printf('%06d', seq)").run(year - 1, String(year - 1));
  } finally {
    db.close();
  }
  expect(d.run('contact', 'add', '1002', '--channel', 'phone', '--case', 'F', '--summary', 'E-mail de senha não chega').code).toBe(0);
});
const { run, json } = desk;

describe('contact show N', () => {
  it('shows this year’s atendimento of that number, as the window shows its protocol', () => {
    const shown = json('contact', 'show', '1');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.body.protocol).toBe(protocol(year, 1));
    expect(shown.body.person.registrationNumber).toBe('1002');
    expect(run('contact', 'show', '1').stdout).toMatch(new RegExp(`^${protocol(year, 1)} `));
  });

  it('says which protocol it looked for, and how to name one of another year, when this year has no such number', () => {
    const missing = run('contact', 'show', '2');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(protocol(year, 2));
    expect(missing.stderr).toContain('protocolo inteiro');
    expect(missing.stderr).toContain('[CONTACT_NOT_FOUND]');
  });

  it.each([[protocol(year - 1, 2)], [`${year - 1}-2`], [`at-${year - 1}-000002`]])('finds last year’s atendimento by its protocol written as %s', (typed) => {
    const shown = json('contact', 'show', typed);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.body.protocol).toBe(protocol(year - 1, 2));
  });
});
