// The browser host keeps one session for all its tabs. A clerk signing in on a second tab must not
// make the first tab's next save be signed in her name, unseen: each page says whom it signed in as,
// and a write from a tab whose signer is no longer the session's is refused as a session ended —
// nothing written — while reads, and programs that name nobody, go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHost } from '../../electron/preview/server';
import { openRawStore } from '../rawStore';
import { invoke, post, type Answered } from './hostClient';
import { startSetUpHost, type SetUpHost } from './testHost';

let running: SetUpHost;
let host: RunningHost;

beforeAll(async () => {
  running = await startSetUpHost('cress-host-tabs-', { pin: '4321', demoProfessionals: 10 });
  host = running.host;
  expect(await invoke(host, 'operators:add', { name: 'Bruno Lima' })).toMatchObject({ ok: true });
});
afterAll(() => running.close());

/** A call from a tab signed in as `operator`. */
async function fromTab(operator: string, channel: string, input: unknown): Promise<Answered> {
  const answer = await post(host, '/api/invoke', JSON.stringify({ channel, input }), { 'x-cress-operator': encodeURIComponent(operator) });
  return JSON.parse(answer.body.toString('utf8')) as Answered;
}

function corrections(): number {
  const db = openRawStore(running.storePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM corrections').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('two tabs of the browser preview', () => {
  it('refuses the first tab’s save once another person signed in on the second, naming her, and writes nothing', async () => {
    const someone = (await invoke(host, 'registry:search', { text: '', page: 0, pageSize: 1 })) as { ok: true; value: { items: { id: number }[] } };
    const id = someone.value.items[0]!.id;
    const record = (await invoke(host, 'registry:get', { id })) as { ok: true; value: { professional: { rowVersion: number } } };
    const save = {
      professionalId: id,
      expectedRowVersion: record.value.professional.rowVersion,
      changes: { phone: '(21) 98765-4300' },
      reason: 'Pedido por telefone',
      evidence: { kind: 'Requerimento', arrival: 'in_person', date: '2026-12-01' },
    };
    // Bruno signs in on the second tab (he has no PIN yet: he sets one).
    expect(await invoke(host, 'session:start', { name: 'Bruno Lima', pin: '5678' })).toMatchObject({ ok: true });
    const before = corrections();
    const refused = await fromTab('Ana Souza', 'corrections:save', save);
    expect(refused).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
    expect(refused.ok ? '' : refused.error.message).toContain('Bruno Lima entrou nesta prévia em outra aba');
    expect(corrections()).toBe(before);
    // Reading still works on that tab; Bruno's own tab saves in his name.
    expect(await fromTab('Ana Souza', 'registry:get', { id })).toMatchObject({ ok: true });
    expect(await fromTab('Bruno Lima', 'corrections:save', save)).toMatchObject({ ok: true });
    expect(corrections()).toBe(before + 1);
  });
});
