// Corrections saved after a backup was made are not in it: restoring it takes them off the desk (they
// stay only in the copy set aside). The restore says how many, before the clerk confirms (the
// window's dialog, the terminal's question) and after it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-restore-drops-', (d) => initDesk(d, { professionals: 3, seed: 5 }));
const { run, json } = desk;

const registrations = () => {
  const db = openRawStore(desk.store, { readonly: true });
  try {
    return db.prepare('SELECT registration_number FROM professionals ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
};

describe('a restore of a backup older than corrections saved since', () => {
  it('says how many corrections leave the desk, and they are gone from it', () => {
    const [first, second] = registrations();
    expect(run('correct', first!, '--field', 'email', '--value', 'antes@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
    mkdirSync(join(desk.dir, 'backups'));
    const backup = json('backup', 'create', '--out', join(desk.dir, 'backups')).body.file as string;
    expect(run('correct', second!, '--field', 'email', '--value', 'depois@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
    expect(run('correct', first!, '--field', 'phone', '--value', '(11) 98765-4321', '--reason', 'Pedido no balcão').code).toBe(0);

    const restored = run('backup', 'restore', backup, '--yes');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^ {2}2 corrections saved after the backup are only in that file now\.$/m);
    expect(json('corrections', 'list').body.total).toBe(1);

    // The same backup again: nothing saved since, nothing said.
    const again = json('backup', 'restore', backup, '--yes');
    expect(again.body.correctionsAfter).toBe(0);
  });
});
