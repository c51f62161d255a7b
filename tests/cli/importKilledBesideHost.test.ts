// A corrections import killed between two of its steps while the browser host (as the app) keeps
// the store open all day: the host does not go on showing the import's written steps until it is
// started again — it rolls the import back within seconds, as the next open would.
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { CLI_BIN, cliDesk, initDesk } from './command';
import { startHostProcess } from './processes';

const PEOPLE = 3000;
const desk = cliDesk('cress-import-killed-beside-host-', (d) => initDesk(d, { professionals: PEOPLE, seed: 11 }), 120_000);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function stored(): { corrections: number; marks: number; emails: number } {
  const db = openRawStore(desk.store, { readonly: true });
  try {
    return {
      corrections: db.prepare("SELECT count(*) FROM corrections WHERE source = 'import'").pluck().get() as number,
      marks: db.prepare("SELECT count(*) FROM store_tasks WHERE name LIKE 'import.apply:%'").pluck().get() as number,
      emails: db.prepare("SELECT count(*) FROM professionals WHERE email LIKE 'morta.%'").pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

it('the host rolls back, within seconds, an import another program was killed writing', async () => {
  const db = openRawStore(desk.store, { readonly: true });
  const cpfs = db.prepare('SELECT cpf FROM professionals ORDER BY id').pluck().all() as string[];
  db.close();
  const file = join(desk.dir, 'interrompida.csv');
  writeFileSync(file, ['CPF;E-mail;Motivo', ...cpfs.map((cpf, i) => `${cpf};morta.${i}@exemplo.com.br;Atualização`)].join('\r\n'));
  const host = await startHostProcess(desk.store);
  try {
    const child = spawn(process.execPath, [CLI_BIN, '--db', desk.store, 'import', 'corrections', file], {
      stdio: 'ignore',
      env: { ...process.env, CRESS_DESK_IMPORT_STEP_ROWS: '10' },
    });
    const exited = new Promise((done) => child.on('exit', done));
    // Killed once some of its steps are written.
    for (let tries = 0; tries < 3000 && stored().corrections === 0; tries++) await sleep(10);
    child.kill('SIGKILL');
    await exited;
    expect(stored().marks).toBe(1);
    let left = stored();
    for (let waited = 0; waited < 15_000 && left.marks > 0; waited += 250) {
      await sleep(250);
      left = stored();
    }
    expect(left).toEqual({ corrections: 0, marks: 0, emails: 0 });
    expect(readdirSync(desk.dir).filter((name) => name.includes('.import-'))).toEqual([]);
    // The clerk at the window sees the records as they were.
    const found = (await host.invoke('registry:find', { key: cpfs[0] })) as { ok: boolean; value?: { email?: string | null } | null };
    expect(found.ok).toBe(true);
    expect(found.value?.email ?? '').not.toMatch(/^morta\./);
  } finally {
    await host.stop();
  }
}, 120_000);
