// The store's -wal or -shm file deleted behind the running browser host (a cleaning tool, a sync
// client, an IT person taking it for a leftover).
// - The -wal: the host's connection still writes into the deleted file, which no other program sees
//   and which is gone once the host closes: a save there would be answered "saved" and lost.
// - The -shm: the host keeps the index of the log it had; a command that made a new -shm beside the
//   store would keep another, and the two would write over each other's entries of the log.
// Every save answered as saved is in the store afterwards; the host and the command line refuse, in
// words naming the file, the ones they cannot keep.
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from '../cli/command';
import { cliAsync, saveEmailThroughHost, startHostProcess } from '../cli/processes';
import { readRawRows } from '../rawStore';

const desk = cliDesk('cress-host-sidecar-deleted-', (d) => initDesk(d, { professionals: 200, seed: 8 }), 60_000);

const cpfs = () => readRawRows<{ cpf: string }>(desk.store, 'SELECT cpf FROM professionals ORDER BY id').map((p) => p.cpf);
const emailOf = (cpf: string) => readRawRows<{ email: string | null }>(desk.store, 'SELECT email FROM professionals WHERE cpf = ?', [cpf])[0]?.email;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.each(['-wal', '-shm'] as const)('the %s file deleted while the browser host runs', (suffix) => {
  // Each case saves its own addresses: both run on the same desk.
  const mail = (name: string) => `${name}.${suffix.slice(1)}@exemplo.com.br`;
  it('what the host and the command say is saved stays saved; what they cannot keep they refuse in words', async () => {
    const people = cpfs();
    const host = await startHostProcess(desk.store);
    const saved: [string, string][] = [];
    const outcomes: { who: string; ok: boolean; message: string }[] = [];
    try {
      const first = await saveEmailThroughHost(host, people[0] as string, mail('antes'));
      expect(first?.ok, JSON.stringify(first?.error)).toBe(true);
      saved.push([people[0] as string, mail('antes')]);
      rmSync(`${desk.store}${suffix}`);
      // The host at once, the command line now and after the host's quiet moment, the host again.
      const steps: { who: string; cpf: string; email: string; wait: number }[] = [
        { who: 'host', cpf: people[1] as string, email: mail('host.logo'), wait: 0 },
        { who: 'cli', cpf: people[2] as string, email: mail('cli.logo'), wait: 0 },
        { who: 'cli', cpf: people[3] as string, email: mail('cli.depois'), wait: 2500 },
        { who: 'host', cpf: people[4] as string, email: mail('host.depois'), wait: 0 },
        { who: 'cli', cpf: people[5] as string, email: mail('cli.por.fim'), wait: 0 },
      ];
      for (const step of steps) {
        await sleep(step.wait);
        if (step.who === 'host') {
          // The record is looked up first, as the counter screen does: that read may be what is refused.
          const found = await host.invoke('registry:find', { key: step.cpf });
          const answer = found.ok ? await saveEmailThroughHost(host, step.cpf, step.email) : found;
          outcomes.push({ who: 'host', ok: answer?.ok === true, message: answer?.error?.message ?? '' });
          if (answer?.ok) saved.push([step.cpf, step.email]);
        } else {
          const done = await cliAsync(desk.store, ['correct', step.cpf, '--field', 'email', '--value', step.email, '--reason', 'Pedido no balcão']);
          outcomes.push({ who: 'cli', ok: done.code === 0, message: done.stderr });
          if (done.code === 0) saved.push([step.cpf, step.email]);
        }
      }
    } finally {
      await host.stop();
    }
    for (const outcome of outcomes.filter((o) => !o.ok)) {
      expect(outcome.message, outcome.who).not.toMatch(/INTERNAL|Erro interno|SqliteError|disk I\/O/);
      expect(outcome.message, outcome.who).toContain(suffix);
    }
    if (suffix === '-wal') {
      // The host does not go on saving into a log nobody else sees.
      expect(outcomes[0]).toMatchObject({ who: 'host', ok: false });
      expect(outcomes[0]?.message).toContain('Nada foi gravado');
    }
    for (const [cpf, email] of saved) expect(emailOf(cpf), email).toBe(email);
    expect(desk.run('store', 'check').code).toBe(0);
    expect(desk.run('audit', 'verify').code).toBe(0);
    // And once the host is closed, the command line works as before.
    const after = desk.run('correct', people[6] as string, '--field', 'email', '--value', mail('depois.de.fechar'), '--reason', 'Pedido no balcão');
    expect(after.code, after.stderr).toBe(0);
  }, 60_000);
});
