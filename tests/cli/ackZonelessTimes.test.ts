// Implanta's answer may give its time without a time zone ("2099-01-01T00:00:00"): that is the
// time in Brasília, where Implanta and the councils keep their dates, whatever zone the desk's
// computer is set to — never an instant three hours earlier, on the day (and year) before.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, cliOn, initDesk } from './command';

// A computer on UTC (a Linux desk set up that way): the zone must not move Implanta's dates.
const desk = cliDesk('cress-cli-ack-times-', (d) => initDesk(d, { professionals: 3, seed: 4 }), { env: () => ({ TZ: 'UTC' }) });

/** A correction of the first professional, sent to Implanta in a lote: the answer file's batch, package hash and item. */
function sentCorrection(index = 0): { registration: string; dipStatus: string; batch: string; sha: string; item: string } {
  const person = desk.json('registry', 'search', '').body.items[index] as { registrationNumber: string; dipStatus: string };
  expect(desk.run('correct', person.registrationNumber, '--field', 'email', '--value', 'resposta.sem.fuso@gmail.com', '--reason', 'Pedido da profissional').code).toBe(0);
  const created = desk.json('batch', 'create').body as { uuid: string; number: string };
  expect(desk.run('batch', 'seal', created.number).code).toBe(0);
  const out = join(desk.dir, `lotes-${index}`);
  mkdirSync(out);
  const exported = desk.json('batch', 'export', created.number, '--out', out).body as { sha256: string };
  expect(desk.run('batch', 'mark-sent', created.number).code).toBe(0);
  // The newest correction: this one.
  const item = (desk.json('corrections', 'list').body.items[0] as { uuid: string }).uuid;
  return { registration: person.registrationNumber, dipStatus: person.dipStatus, batch: created.uuid, sha: exported.sha256, item };
}

/** Today in Brasília (UTC−3, no daylight saving since 2019), yyyy-mm-dd: an answer is dated no earlier than its lote's sealing, today. */
const today = new Date(Date.now() - 3 * 3_600_000).toISOString().slice(0, 10);
const dayAfter = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const shownDay = (isoDay: string) => isoDay.split('-').reverse().join('/');

function answer(name: string, sent: ReturnType<typeof sentCorrection>, acknowledgedAt: string, dipStatus: string): string {
  const file = join(desk.dir, name);
  writeFileSync(
    file,
    JSON.stringify({ schemaVersion: 2, batch: sent.batch, packageSha256: sent.sha, acknowledgedAt, items: [{ id: sent.item, status: 'applied', dipStatus }] }),
  );
  return file;
}

describe('an answer whose time carries no time zone', () => {
  let sent: ReturnType<typeof sentCorrection>;

  it('is refused for a day yet to come naming the day written, not the day before', () => {
    sent = sentCorrection();
    const refused = desk.run('batch', 'ack', answer('futuro.json', sent, '2099-01-01T00:00:00', 'confirmed'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('A data da confirmação (acknowledgedAt) é 01/01/2099, que ainda não chegou');
    expect(refused.stderr).not.toContain('2098');
  });

  it('dates the DIP status it reports at that time in Brasília', () => {
    const status = sent.dipStatus === 'confirmed' ? 'requested' : 'confirmed';
    expect(desk.run('batch', 'ack', answer('resposta.json', sent, `${today}T00:00:00`, status)).code).toBe(0);
    const shown = desk.json('registry', 'show', sent.registration).body as { dipStatus: string; dipStatusAt: string };
    expect(shown).toMatchObject({ dipStatus: status, dipStatusAt: `${today}T03:00:00.000Z` });
    expect(desk.run('registry', 'show', sent.registration).stdout).toMatch(new RegExp(`Situação do DIP\\s+.*\\(em ${shownDay(today)}\\)`));
  });

  it('shows the day of a DIP status reported late in the evening as the desk’s own clock reads it, not the next day of UTC', () => {
    const late = sentCorrection(1);
    const status = late.dipStatus === 'confirmed' ? 'requested' : 'confirmed';
    // 22:00 in Brasília today is already tomorrow in UTC.
    expect(desk.run('batch', 'ack', answer('resposta-noite.json', late, `${dayAfter}T01:00:00Z`, status)).code).toBe(0);
    const inBrazil = cliOn(() => desk.store, () => ({ TZ: 'America/Sao_Paulo' }));
    expect(inBrazil.run('registry', 'show', late.registration).stdout).toMatch(new RegExp(`Situação do DIP\\s+.*\\(em ${shownDay(today)}\\)`));
  });
});

describe('an answer whose time names no real moment', () => {
  it('is refused with exit 1, naming the field and what it holds, and the lote waits for its answer', () => {
    const sent = sentCorrection(2);
    for (const written of ['2026-02-30T10:00:00', '2026-12-06T25:99:00Z']) {
      const refused = desk.run('batch', 'ack', answer('impossivel.json', sent, written, 'confirmed'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`A data da confirmação (acknowledgedAt) "${written}" não existe`);
    }
    const lote = (desk.json('batch', 'list').body.items as { uuid: string; state: string }[]).find((b) => b.uuid === sent.batch);
    expect(lote?.state).toBe('sent');
  });
});
