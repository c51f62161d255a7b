// `batch mark-sent --at "dd/mm/aaaa hh:mm"` is Brasília time — as a date-time without a zone, and as
// Implanta's answers and the lote's own dates are — whatever zone the desk's computer is set to: the
// time the council's paperwork shows is taken as written on a computer kept on UTC or in Manaus.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brasiliaDateTime } from '../../db/batches/clock';
import { cliDesk, cliOn, initDesk } from './command';

const desk = cliDesk('cress-cli-sent-zone-', (d) => initDesk(d, { professionals: 3, seed: 7 }), { env: () => ({ TZ: 'UTC' }) });

/** A new lote, sealed and exported from `run`'s computer: its number and when it was sealed. */
function exportedLote(run: ReturnType<typeof cliOn>, index: number): { number: string; sealedAt: string } {
  const person = run.json('registry', 'search', '').body.items[index] as { registrationNumber: string };
  expect(run.run('correct', person.registrationNumber, '--field', 'email', '--value', `envio.${index}@gmail.com`, '--reason', 'Pedido da profissional').code).toBe(0);
  const created = run.json('batch', 'create').body as { number: string };
  const sealed = run.json('batch', 'seal', created.number).body as { sealedAt: string };
  const out = join(desk.dir, `lotes-${index}`);
  mkdirSync(out);
  expect(run.run('batch', 'export', created.number, '--out', out).code).toBe(0);
  return { number: created.number, sealedAt: sealed.sealedAt };
}

describe('batch mark-sent --at "dd/mm/aaaa hh:mm"', () => {
  it.each([
    ['UTC', 0],
    ['America/Manaus', 1],
  ])('on a computer set to %s reads the time as Brasília time', (zone, index) => {
    const there = cliOn(() => desk.store, () => ({ TZ: zone }));
    const lote = exportedLote(there, index);
    // The minute the lote was sealed, as a clock in Brasília showed it.
    const typed = brasiliaDateTime(lote.sealedAt);
    const sent = there.run('batch', 'mark-sent', lote.number, '--at', typed);
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain(`sent ${typed} (Brasília time)`);
    const stored = there.json('batch', 'list').body.items.find((b: { number: string }) => b.number === lote.number) as { sentAt: string };
    expect(Date.parse(stored.sentAt) - Date.parse(lote.sealedAt)).toBeLessThan(60_000);
  });

  it('says so in its help', () => {
    expect(desk.run('batch', 'mark-sent', '--help').stdout).toMatch(/Brasília time/);
  });
});
