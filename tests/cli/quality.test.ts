// `cress-desk quality` as the council's IT runs it on a demo desk: the scan's JSON names every item
// with its case and code, filters by case and code, usage mistakes exit 2, and the export writes the
// worklist once, never over another file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOn, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-quality-', (d) => initDesk(d, { operator: 'Ana Paula', professionals: 600, seed: 7 }));
const { run, json } = desk;

describe('quality scan', () => {
  it('prints every item with its case and code, and counts per case and code that add up', () => {
    const { code, body } = json('quality', 'scan');
    expect(code).toBe(0);
    expect(Object.keys(body)).toEqual(['total', 'byCase', 'byCode', 'items']);
    expect(body.items).toHaveLength(body.total);
    expect(body.total).toBeGreaterThan(5);
    expect(body.total).toBeLessThan(120); // a demo registry is mostly clean
    for (const item of body.items) {
      expect(Object.keys(item)).toEqual(['registration', 'cpf', 'case', 'code', 'field', 'message', 'suggestion']);
      expect(item.cpf).toMatch(/^\d{11}$/);
      expect('ABCDEFG').toContain(item.case);
    }
    const perCode = Object.values(body.byCode as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(perCode).toBe(body.total);
  });

  it('filters by case and by code, and says what it takes when the case is not one of the notice', () => {
    const d = json('quality', 'scan', '--case', 'd').body;
    expect(d.items.length).toBeGreaterThan(0);
    expect(d.items.every((i: { case: string }) => i.case === 'D')).toBe(true);
    const typos = json('quality', 'scan', '--code', 'EMAIL_TYPO').body;
    expect(typos.items.every((i: { code: string; suggestion: string | null }) => i.code === 'EMAIL_TYPO' && i.suggestion?.includes('@'))).toBe(true);
    const wrong = run('quality', 'scan', '--case', 'Z');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--case takes one of A, B, C, D, E, F, G/);
  });
});

describe('quality export', () => {
  it('writes the records with pendências and a Pendências column, once', () => {
    const out = join(desk.dir, 'pendencias.csv');
    const first = run('quality', 'export', '--out', out);
    expect(first.code, first.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Registro;CPF;Nome;.*;Motivo;Documento comprobatório;Pendências$/);
    const records = new Set(json('quality', 'scan').body.items.map((i: { registration: string }) => i.registration));
    expect(lines).toHaveLength(records.size + 1);
    writeFileSync(join(desk.dir, 'outro.csv'), 'do TI');
    const again = run('quality', 'export', '--out', join(desk.dir, 'outro.csv'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Já existe um arquivo outro\.csv/);
    expect(readFileSync(join(desk.dir, 'outro.csv'), 'utf8')).toBe('do TI');
  });
});

describe('quality scan of a large registry', () => {
  let big: string;
  const bigDesk = cliOn(() => join(big, 'desk.sqlite'));
  beforeAll(() => {
    big = mkdtempSync(join(tmpdir(), 'cress-quality-big-'));
    expect(bigDesk.run('init', '--region', '9', '--operator', 'Ana Paula').code).toBe(0);
    // Enough records for the scan to share them with a second thread.
    expect(bigDesk.run('demo', '--professionals', '30000', '--seed', '11').code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(big, { recursive: true, force: true }));

  it('finds exactly the pendências each record was given when it was loaded, no more, none twice', () => {
    const listed = (name: string) => {
      const out = join(big, name);
      expect(bigDesk.run('quality', 'export', '--out', out).code).toBe(0);
      return readFileSync(out, 'utf8').trim().split('\r\n').sort();
    };
    const atLoad = listed('ao-carregar.csv');
    const scan = bigDesk.json('quality', 'scan').body;
    expect(scan.total).toBeGreaterThan(600);
    const keys = scan.items.map((i: { registration: string; code: string; field: string | null }) => `${i.registration}/${i.code}/${i.field}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(listed('depois-da-conferencia.csv')).toEqual(atLoad);
  }, 120_000);
});
