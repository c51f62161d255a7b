// A PIN of four digits falls to whoever may try it without end (a program holding the browser
// preview's token, at a minute's wait every five tries, finds it within a day). Each lock of the
// same operator within a day doubles the wait, up to an hour; a clerk who mistypes once a day
// still waits a minute. The admin PIN, which clears any operator's PIN, the same.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditSummary } from '../../db/auditEntries';
import { openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk({ setUp: false });
  desk.handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', pin: '1234', demoProfessionals: 0 });
});
afterEach(() => desk.cleanup());

let clock = Date.parse('2025-03-10T13:00:00.000Z');
function at(ms: number): void {
  clock = ms;
  desk.setNow(new Date(ms).toISOString());
}

/** Five wrong PINs in a row: the refusal of the fifth. */
async function fiveWrong(channel: 'session:start' | 'operators:resetPin', input: (i: number) => Record<string, unknown>): Promise<{ code: string; message: string }> {
  let last: { code: string; message: string } = { code: '', message: '' };
  for (let i = 0; i < 5; i++) {
    const answer = await desk.dispatch(channel, input(i) as never);
    if (!answer.ok) last = answer.error;
  }
  return last;
}

const lockedUntil = () => desk.store.db.prepare("SELECT locked_until FROM operators WHERE name = 'Ana Paula'").pluck().get() as string;

describe('a PIN guessed again and again', () => {
  beforeEach(() => at(Date.parse('2025-03-10T13:00:00.000Z')));

  it('makes the operator wait twice as long at each lock of the day, an hour at most', async () => {
    const waits: string[] = [];
    for (let lock = 0; lock < 8; lock++) {
      const refused = await fiveWrong('session:start', (i) => ({ name: 'Ana Paula', pin: `900${i}` }));
      expect(refused.code).toBe('PIN_LOCKED');
      waits.push(/aguarde ([^ ]+ minutos?)/.exec(refused.message)?.[1] ?? refused.message);
      at(Date.parse(lockedUntil()) + 1000);
    }
    expect(waits).toEqual(['1 minuto', '2 minutos', '4 minutos', '8 minutos', '16 minutos', '32 minutos', '60 minutos', '60 minutos']);
    // The right PIN, once the wait is over, still opens the session.
    expect(await desk.dispatch('session:start', { name: 'Ana Paula', pin: '1234' })).toMatchObject({ ok: true });
    const lines = (desk.store.db.prepare("SELECT action, detail FROM audit_log WHERE action = 'operator.pin_locked' ORDER BY id").all() as { action: string; detail: string }[]).map(
      (r) => auditSummary(r.action, JSON.parse(r.detail)),
    );
    expect(lines.slice(0, 2)).toEqual(['Cinco PINs incorretos seguidos: Ana Paula bloqueado por 1 minuto', 'Cinco PINs incorretos seguidos: Ana Paula bloqueado por 2 minutos']);
  });

  it('waits a minute again once a day has passed since the last locks', async () => {
    await fiveWrong('session:start', (i) => ({ name: 'Ana Paula', pin: `900${i}` }));
    at(clock + 2 * 60_000);
    expect((await fiveWrong('session:start', (i) => ({ name: 'Ana Paula', pin: `900${i}` }))).message).toContain('aguarde 2 minutos');
    at(clock + 25 * 60 * 60_000);
    expect((await fiveWrong('session:start', (i) => ({ name: 'Ana Paula', pin: `900${i}` }))).message).toContain('aguarde 1 minuto');
  });

  it('of the administrator doubles its wait the same way', async () => {
    desk.handlers['operators:setAdminPin']({ pin: '55555' });
    const ana = desk.store.db.prepare("SELECT id FROM operators WHERE name = 'Ana Paula'").pluck().get() as number;
    expect((await fiveWrong('operators:resetPin', (i) => ({ id: ana, adminPin: `1000${i}` }))).message).toContain('aguarde 1 minuto');
    at(clock + 61_000);
    expect((await fiveWrong('operators:resetPin', (i) => ({ id: ana, adminPin: `1000${i}` }))).message).toContain('aguarde 2 minutos');
    expect(await desk.dispatch('operators:resetPin', { id: ana, adminPin: '55555' })).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
  });
});
