// Corrections saved after a backup was made are not in it: restoring it takes them off the desk (they
// stay only in the copy set aside). The restore says how many, before the clerk confirms (the
// window's dialog, the terminal's question) and after it.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, cliDesk, initDesk, registrationsIn } from './command';

const desk = cliDesk('cress-cli-restore-drops-', (d) => initDesk(d, { professionals: 3, seed: 5 }));
const { run, json } = desk;

const registrations = () => registrationsIn(desk.store);

/** A command run on a pseudo-terminal (util-linux `script`), with `typed` as what the person types. */
function atTerminal(command: string, typed: string) {
  const result = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { input: typed, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout };
}

describe('a restore of a backup older than corrections saved since', () => {
  it('says how many corrections leave the desk, and they are gone from it', () => {
    const [first, second] = registrations();
    expect(run('correct', first!, '--field', 'email', '--value', 'antes@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
    mkdirSync(join(desk.dir, 'backups'));
    const backup = json('backup', 'create', '--out', join(desk.dir, 'backups')).body.file as string;
    expect(run('correct', second!, '--field', 'email', '--value', 'depois@gmail.com', '--reason', 'Pedido no balcão').code).toBe(0);
    expect(run('correct', first!, '--field', 'phone', '--value', '(11) 98765-4321', '--reason', 'Pedido no balcão').code).toBe(0);

    // Asked at a terminal: the question gives the backup's date and the count; declining is no usage error.
    const declined = atTerminal(`${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_BIN)} --db ${JSON.stringify(desk.store)} backup restore ${JSON.stringify(backup)}`, 'n\n');
    expect(declined.stdout).toMatch(/It was made on \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\. The current data is replaced \(and kept aside\)\. 2 corrections saved here since then \(the latest on \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\) are not in it and leave the desk\./);
    expect(declined.stdout).toContain('Nada foi restaurado: a restauração não foi confirmada.');
    expect(declined.stdout).not.toContain('Usage:');
    expect(declined.code).toBe(1);
    expect(json('corrections', 'list').body.total).toBe(3);

    const restored = run('backup', 'restore', backup, '--yes');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^ {2}2 corrections saved after the backup are only in that file now\.$/m);
    expect(json('corrections', 'list').body.total).toBe(1);

    // The same backup again: nothing saved since, nothing said.
    const again = json('backup', 'restore', backup, '--yes');
    expect(again.body.correctionsAfter).toBe(0);
  });

  it('says a correction cancelled since the backup is pending again, and it is', () => {
    // The correction the first restore left on the desk is in the new backup, pending.
    const backups = join(desk.dir, 'backups-cancel');
    mkdirSync(backups);
    const backup = json('backup', 'create', '--out', backups).body.file as string;
    const pending = json('corrections', 'list', '--status', 'pending').body.items as { uuid: string; field: string }[];
    expect(pending).toHaveLength(1);
    expect(run('corrections', 'cancel', pending[0]!.uuid, '--reason', 'A profissional desistiu').code).toBe(0);

    const restored = run('backup', 'restore', backup, '--yes');
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^ {2}1 correction cancelled after the backup is pending again: cancel it again before the next batch \(corrections list --status pending\)\.$/m);
    expect(json('corrections', 'list', '--status', 'pending').body.total).toBe(1);
  });
});
