import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db';
import { generateDemoProfessionals } from '../../db/demo';
import { toProfessional, type ProfessionalRow } from '../../db/professionalRow';
import demoAddresses from '../../resources/demo-cities.json';
import demoDocuments from '../../resources/demo-documents.json';
import areaCodes from '../../resources/reference/area-codes.json';
import { DIP_STATUSES, MARITAL_STATUSES, UFS, type Uf } from '../../shared/domain';
import { cepBelongsToUf, parseCep } from '../../shared/rules/cep';
import { parseCpf } from '../../shared/rules/cpf';
import { parseDateBr } from '../../shared/rules/dates';
import { parseEmail } from '../../shared/rules/email';
import { parsePersonName } from '../../shared/rules/names';
import { parsePhone } from '../../shared/rules/vocabulary';
import { municipalityCode } from '../../shared/reference/municipalities';
import { recordPendencies } from '../../shared/rules/pendencies';
import { foldForSearch } from '../../shared/text';

interface Row {
  id: number;
  registration_number: string;
  cpf: string;
  name: string;
  name_folded: string;
  social_name: string | null;
  mother_name: string | null;
  mother_not_listed: number;
  father_name: string | null;
  birth_date: string;
  marital_status: string;
  birth_city: string;
  birth_uf: string;
  nationality: string;
  rg_number: string;
  rg_issuer: string;
  rg_uf: string;
  email: string | null;
  phone: string;
  cep: string;
  street: string;
  number: string;
  complement: string | null;
  district: string;
  city: string;
  uf: string;
  dip_status: string;
  row_version: number;
  created_at: string;
  updated_at: string;
}

const SP_REGION = 9;
const COUNT = 3000;
const NOW = new Date('2025-03-10T12:00:00.000Z');
const CITIES = demoAddresses.cities as unknown as Record<Uf, { name: string; ddd: string; cep: [string, string][] }[]>;
const TODAY = NOW.toISOString().slice(0, 10);

/** The records without any pendência: the 95 % that look like a clean registry. */
function cleanRows(rows: Row[]): Row[] {
  const uses = new Map<string, number>();
  for (const r of rows) if (r.email !== null) uses.set(r.email, (uses.get(r.email) ?? 0) + 1);
  const context = { today: TODAY, emailIsShared: (email: string) => (uses.get(email) ?? 0) > 1 };
  return rows.filter((r) => recordPendencies(toProfessional(r as unknown as ProfessionalRow), context).length === 0);
}

function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(4) >= birthDate.slice(4) ? years : years - 1;
}

const dirs: string[] = [];
const stores: Store[] = [];

function freshStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'cress-demo-'));
  dirs.push(dir);
  const store = openStore({ path: join(dir, 'cress.db') });
  stores.push(store);
  return store;
}

function rowsOf(store: Store): Row[] {
  return store.db.prepare('SELECT * FROM professionals ORDER BY id').all() as Row[];
}

function share(rows: Row[], predicate: (row: Row) => boolean): number {
  return rows.filter(predicate).length / rows.length;
}

afterEach(() => {
  while (stores.length) stores.pop()!.close();
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('generateDemoProfessionals', () => {
  let rows: Row[];
  let clean: Row[];

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'cress-demo-'));
    const store = openStore({ path: join(dir, 'cress.db') });
    expect(generateDemoProfessionals(store.db, { count: COUNT, region: SP_REGION, seed: 42, now: NOW })).toEqual({ inserted: COUNT });
    rows = rowsOf(store);
    clean = cleanRows(rows);
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('inserts the requested number of professionals with unique CPFs and registration numbers', () => {
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => r.cpf)).size).toBe(COUNT);
    expect(new Set(rows.map((r) => r.registration_number)).size).toBe(COUNT);
    expect(rows[0]!.registration_number).toBe('1000');
    expect(rows.every((r) => /^\d+$/.test(r.registration_number))).toBe(true);
  });

  it('gives the professionals without a pendência values the registry rules accept', () => {
    expect(clean.length / rows.length).toBeGreaterThan(0.93);
    for (const r of clean) {
      const context = `${r.registration_number} ${r.name}`;
      expect(parseCpf(r.cpf), context).toEqual({ ok: true, value: r.cpf });
      expect(parsePersonName(r.name, 120), context).toEqual({ ok: true, value: r.name });
      expect(r.name_folded, context).toBe(foldForSearch(r.name));
      for (const other of [r.mother_name, r.father_name, r.social_name]) {
        if (other !== null) expect(parsePersonName(other, 120), context).toEqual({ ok: true, value: other });
      }
      expect(parseCep(r.cep), context).toEqual({ ok: true, value: r.cep });
      expect(cepBelongsToUf(r.cep, 'SP'), `${context} CEP ${r.cep}`).toBe(true);
      if (r.email !== null) expect(parseEmail(r.email), context).toEqual({ ok: true, value: r.email });
      expect(parsePhone(r.phone), context).toEqual({ ok: true, value: r.phone });
      expect(parseDateBr(r.birth_date), context).toEqual({ ok: true, value: r.birth_date });
      expect(ageOn(r.birth_date, TODAY), context).toBeGreaterThanOrEqual(18);
      expect(ageOn(r.birth_date, TODAY), context).toBeLessThanOrEqual(80);
      expect(MARITAL_STATUSES, context).toContain(r.marital_status);
      expect(DIP_STATUSES, context).toContain(r.dip_status);
      expect(UFS, context).toContain(r.birth_uf);
      expect(UFS, context).toContain(r.rg_uf);
      expect(r.mother_not_listed === 1 && r.mother_name !== null, context).toBe(false);
      expect([r.nationality, r.rg_issuer, r.row_version]).toEqual(['Brasileira', 'SSP', 1]);
      expect([r.created_at, r.updated_at]).toEqual([NOW.toISOString(), NOW.toISOString()]);
    }
  });

  it('places everyone at an address in the region’s UF, with the city’s area code', () => {
    const spCities = new Map(CITIES.SP.map((c) => [c.name, c.ddd]));
    for (const r of rows) expect(r.uf).toBe('SP');
    for (const r of clean) {
      expect(spCities.get(r.city), `${r.city} ${r.phone}`).toBe(r.phone.slice(0, 2));
      expect(r.street).toMatch(/^(Rua|Avenida|Travessa|Alameda) \S/);
      expect(r.number).toMatch(/^(\d{1,4}|S\/N)$/);
    }
    expect(share(rows, (r) => r.complement !== null)).toBeGreaterThan(0.15);
    expect(share(rows, (r) => r.birth_uf === 'SP')).toBeGreaterThan(0.7);
    expect(new Set(rows.map((r) => r.birth_uf)).size).toBeGreaterThan(10);
  });

  it('gives each address a CEP of its own city and a município of the UF, and a birthplace of the birth UF', () => {
    const rangesOf = new Map(CITIES.SP.map((c) => [c.name, c.cep]));
    for (const r of clean) {
      const prefix = r.cep.slice(0, 5);
      expect(rangesOf.get(r.city)!.some(([from, to]) => prefix >= from && prefix <= to), `${r.city} ${r.cep}`).toBe(true);
      expect(municipalityCode(r.city, 'SP'), r.city).not.toBeNull();
      expect(municipalityCode(r.birth_city, r.birth_uf as Uf), `${r.birth_city}/${r.birth_uf}`).not.toBeNull();
    }
  });

  it('gives CPFs the tax region of the UF (8 for São Paulo) in the ninth digit', () => {
    for (const r of rows) expect(r.cpf[8], r.cpf).toBe('8');
  });

  it('gives mobiles of nine digits starting with 9 and area codes in use', () => {
    const inUse = new Set(areaCodes.codes.map(String));
    for (const r of clean) {
      expect(inUse.has(r.phone.slice(0, 2)), r.phone).toBe(true);
      if (r.phone.length === 11) expect(r.phone[2], r.phone).toBe('9');
    }
    expect(share(clean, (r) => r.phone.length === 11)).toBeGreaterThan(0.75);
  });

  it('spreads DIP statuses roughly 40/20/15/15/10', () => {
    const expected: Record<string, number> = { none: 0.4, requested: 0.2, confirmed: 0.15, in_manufacture: 0.15, issued: 0.1 };
    for (const [status, target] of Object.entries(expected)) {
      expect(share(rows, (r) => r.dip_status === status), status).toBeCloseTo(target, 1);
    }
  });

  it('has both mother cases of seed case F besides the usual mother’s name', () => {
    const notListed = share(rows, (r) => r.mother_not_listed === 1 && r.mother_name === null);
    const missing = share(rows, (r) => r.mother_not_listed === 0 && r.mother_name === null);
    expect(notListed).toBeGreaterThan(0.015);
    expect(notListed).toBeLessThan(0.05);
    expect(missing).toBeGreaterThan(0.002);
    expect(missing).toBeLessThan(0.02);
  });

  it('gives mothers a surname the professional carries, and most a father', () => {
    for (const r of clean.filter((row) => row.mother_name !== null)) {
      const motherLastName = r.mother_name!.split(' ').at(-1)!;
      expect(r.name.split(' '), `${r.name} / ${r.mother_name}`).toContain(motherLastName);
    }
    expect(share(rows, (r) => r.father_name !== null)).toBeCloseTo(0.85, 1);
  });

  it('writes names as people write them: accents, particles and 2 to 4 name words', () => {
    const words = clean.map((r) => r.name.split(' ').filter((w) => !['da', 'de', 'do', 'das', 'dos'].includes(w)).length);
    expect(Math.min(...words)).toBe(2);
    expect(Math.max(...words)).toBe(4);
    expect(share(rows, (r) => /[áâãéêíóôúç]/i.test(r.name))).toBeGreaterThan(0.1);
    expect(share(rows, (r) => / (da|de|dos|do) /.test(r.name))).toBeGreaterThan(0.1);
  });

  it('derives e-mails from the name on common providers, each person their own, and leaves about 1 % without one', () => {
    expect(share(rows, (r) => r.email === null)).toBeGreaterThan(0.005);
    expect(share(rows, (r) => r.email === null)).toBeLessThan(0.02);
    const providers = ['gmail.com', 'hotmail.com', 'yahoo.com.br', 'outlook.com', 'uol.com.br', 'bol.com.br', 'terra.com.br', 'ig.com.br', 'live.com', 'icloud.com'];
    const cleanEmails = clean.map((r) => r.email).filter((email) => email !== null);
    expect(new Set(cleanEmails).size).toBe(cleanEmails.length);
    expect(new Set(cleanEmails.map((email) => email.split('@')[1])).size).toBeGreaterThanOrEqual(8);
    for (const r of clean.filter((row) => row.email !== null)) {
      const [local, domain] = r.email!.split('@') as [string, string];
      expect(providers).toContain(domain);
      expect(local.startsWith(r.name_folded.split(' ')[0]!), `${r.name} ${r.email}`).toBe(true);
    }
  });

  it('includes CPFs that start with zero, to try lost leading zeros', () => {
    expect(share(rows, (r) => r.cpf.startsWith('0'))).toBeGreaterThan(0.05);
  });
});

const FISCAL_REGION_OF_AM = Object.entries(demoDocuments.cpfFiscalRegions).find(([, ufs]) => ufs.includes('AM'))![0];

describe('generateDemoProfessionals on a store', () => {
  it('makes the same professionals from the same seed, and others from another seed', () => {
    const [a, b, c] = [freshStore(), freshStore(), freshStore()];
    generateDemoProfessionals(a.db, { count: 200, region: SP_REGION, seed: 7, now: NOW });
    generateDemoProfessionals(b.db, { count: 200, region: SP_REGION, seed: 7, now: NOW });
    generateDemoProfessionals(c.db, { count: 200, region: SP_REGION, seed: 8, now: NOW });
    expect(rowsOf(b)).toEqual(rowsOf(a));
    expect(rowsOf(c).map((r) => r.cpf)).not.toEqual(rowsOf(a).map((r) => r.cpf));
  });

  it('adds more professionals when called again, without repeating a CPF or registration number', () => {
    const store = freshStore();
    generateDemoProfessionals(store.db, { count: 1500, region: SP_REGION, seed: 1, now: NOW });
    // The same seed again would draw the same CPFs: they must be skipped, not collide.
    expect(generateDemoProfessionals(store.db, { count: 1500, region: SP_REGION, seed: 1, now: NOW })).toEqual({ inserted: 1500 });
    generateDemoProfessionals(store.db, { count: 500, region: SP_REGION, seed: 2, now: NOW });
    const rows = rowsOf(store);
    expect(rows).toHaveLength(3500);
    expect(new Set(rows.map((r) => r.cpf)).size).toBe(3500);
    expect(new Set(rows.map((r) => r.registration_number)).size).toBe(3500);
    expect(rows.at(-1)!.registration_number).toBe('4499');
  });

  it('continues after the highest registration number already in the store', () => {
    const store = freshStore();
    store.db
      .prepare(
        `INSERT INTO professionals (registration_number, cpf, name, name_folded, created_at, updated_at)
         VALUES ('45210', '52998224725', 'Lúcia Helena Prado', 'lucia helena prado', ?, ?)`,
      )
      .run(NOW.toISOString(), NOW.toISOString());
    generateDemoProfessionals(store.db, { count: 3, region: SP_REGION, seed: 5, now: NOW });
    expect(rowsOf(store).map((r) => r.registration_number)).toEqual(['45210', '45211', '45212', '45213']);
  });

  it('follows the region: CRESS 15ª Região lives in Amazonas', () => {
    const store = freshStore();
    generateDemoProfessionals(store.db, { count: 500, region: 15, seed: 3, now: NOW });
    const rows = rowsOf(store);
    const amDdds = new Set(CITIES.AM.map((c) => c.ddd));
    for (const r of cleanRows(rows)) {
      expect(r.uf).toBe('AM');
      expect(r.cpf[8], r.cpf).toBe(FISCAL_REGION_OF_AM);
      expect(cepBelongsToUf(r.cep, 'AM'), r.cep).toBe(true);
      expect(amDdds.has(r.phone.slice(0, 2)), r.phone).toBe(true);
    }
  });

  it('refuses a region that does not exist', () => {
    const store = freshStore();
    expect(() => generateDemoProfessionals(store.db, { count: 10, region: 30 })).toThrow(expect.objectContaining({ code: 'REGION_INVALID' }));
    expect(rowsOf(store)).toHaveLength(0);
  });
});
