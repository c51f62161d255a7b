// The demo registry rehearses the notice: about one record in twenty has one defect, and a demo
// desk's Pendências list shows every code the rules can find in a record as stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db';
import { generateDemoProfessionals } from '../../db/demo';
import { toProfessional, type ProfessionalRow } from '../../db/professionalRow';
import type { Professional } from '../../shared/domain';
import { recordPendencies, type FoundPendency } from '../../shared/rules/pendencies';

const COUNT = 4000;
const NOW = new Date('2026-06-15T12:00:00.000Z');
const TODAY = '2026-06-15';
const CODES = [
  'CPF_INVALID', 'EMAIL_MISSING', 'EMAIL_INVALID', 'EMAIL_TYPO', 'EMAIL_SHARED', 'CEP_INVALID', 'CEP_UF_MISMATCH',
  'CITY_UNKNOWN', 'MOTHER_MISSING', 'MOTHER_PLACEHOLDER', 'NAME_SUSPECT', 'BIRTH_DATE_IMPLAUSIBLE', 'BIRTHPLACE_UNKNOWN',
  'PHONE_INVALID',
] as const;

function demoRegistry(region: number, seed: number, count = COUNT): Professional[] {
  const dir = mkdtempSync(join(tmpdir(), 'cress-demo-pend-'));
  const store = openStore({ path: join(dir, 'cress.db') });
  try {
    generateDemoProfessionals(store.db, { count, region, seed, now: NOW });
    return (store.db.prepare('SELECT * FROM professionals ORDER BY id').all() as ProfessionalRow[]).map(toProfessional);
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function pendenciesOf(records: Professional[]): FoundPendency[][] {
  const uses = new Map<string, number>();
  for (const r of records) if (r.email) uses.set(r.email, (uses.get(r.email) ?? 0) + 1);
  return records.map((r) => recordPendencies(r, { today: TODAY, emailIsShared: (email) => (uses.get(email) ?? 0) > 1 }));
}

describe('a demo registry of 4 000 professionals', () => {
  for (const [label, region] of [['CRESS 9ª Região (SP)', 9], ['CRESS 8ª Região (DF)', 8]] as const) {
    describe(label, () => {
      let found: FoundPendency[][];
      beforeAll(() => {
        found = pendenciesOf(demoRegistry(region, 42));
      });

      it('shows every code of the Pendências list at least once', () => {
        const seen = new Set(found.flat().map((p) => p.code));
        for (const code of CODES) expect(seen, code).toContain(code);
      });

      it('leaves 93 to 97 % of the professionals without any pendência', () => {
        const clean = found.filter((list) => list.length === 0).length / found.length;
        expect(clean).toBeGreaterThanOrEqual(0.93);
        expect(clean).toBeLessThanOrEqual(0.97);
      });

      it('gives a defective record one pendência, two only when an e-mail is shared', () => {
        for (const list of found) {
          const withoutShared = list.filter((p) => p.code !== 'EMAIL_SHARED');
          expect(withoutShared.length, JSON.stringify(list)).toBeLessThanOrEqual(1);
        }
      });

      it('keeps each code rare, under 2 % of the professionals', () => {
        const shares = Object.fromEntries(CODES.map((code) => [code, found.filter((list) => list.some((p) => p.code === code)).length / found.length]));
        const clean = found.filter((list) => list.length === 0).length / found.length;
        console.info(label, `clean ${clean}`, JSON.stringify(shares));
        for (const code of CODES) expect(shares[code], code).toBeLessThan(0.02);
      });
    });
  }

  it('is the same registry, pendências included, from the same seed', () => {
    const first = demoRegistry(9, 11, 800);
    const again = demoRegistry(9, 11, 800);
    expect(again).toEqual(first);
    expect(pendenciesOf(again)).toEqual(pendenciesOf(first));
  });
});
