// A desk whose only active operator has no PIN yet — an older store's, or one a restore brought back
// — gives that operator a PIN at the first session. On the command line that session must name the
// operator: a PIN file read for whoever ran the command would otherwise become someone else's PIN,
// and every write after it would be signed in that name.
import { describe, expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-operator-no-pin-', (d) => {
  initDesk(d);
  expect(d.run('operator', 'add', 'Old Op').code).toBe(0);
  // As a restored backup of before Ana's time: Ana is not an active operator there.
  const db = openRawStore(d.store);
  db.prepare("UPDATE operators SET disabled_at = '2025-11-01T10:00:00.000Z' WHERE name = 'Ana Souza'").run();
  db.close();
});

const pinsSet = () => {
  const db = openRawStore(desk.store, { readonly: true });
  try {
    return db.prepare("SELECT count(*) FROM audit_log WHERE action = 'operator.pin_set' AND operator = 'Old Op'").pluck().get();
  } finally {
    db.close();
  }
};

describe('the only active operator without a PIN yet', () => {
  it('is not signed in by a command that does not name them, and gets no PIN from it', () => {
    const refused = desk.run('demo', '--professionals', '1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Old Op é o único operador desta mesa e ainda não tem PIN: para criá-lo, informe --operator "Old Op"');
    expect(pinsSet()).toBe(0);
    expect(desk.run('operator', 'list').stdout).toContain('Old Op (active, no PIN yet)');
  });

  it('gets the PIN of a session that names them', () => {
    expect(desk.run('--operator', 'Old Op', 'demo', '--professionals', '1').code).toBe(0);
    expect(pinsSet()).toBe(1);
    expect(desk.run('demo', '--professionals', '1').code).toBe(0);
  });
});
