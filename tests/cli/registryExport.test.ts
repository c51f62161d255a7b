// `cress-desk registry export` as an IT person runs it (the built command, a real store): the file
// for the council's main system, which `import registry` reads back changing nothing; a bad date
// is wrong usage, an existing file is never replaced; `registry show/search` still answer.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cliDesk, initDesk } from './command';
import { openRawStore } from '../rawStore';

let synced: { registration_number: string; cpf: string };

const desk = cliDesk('cress-cli-registry-export-', (d) => {
  initDesk(d, { professionals: 30, seed: 7 });
  const db = openRawStore(d.store);
  const [first, second] = db
    .prepare("SELECT registration_number, cpf FROM professionals WHERE mother_name IS NOT NULL AND dip_status = 'none' ORDER BY id LIMIT 2")
    .all() as { registration_number: string; cpf: string }[];
  db.close();
  synced = first as typeof synced;
  for (const [record, email] of [
    [first, 'sincronizado@exemplo.com.br'],
    [second, 'pendente@exemplo.com.br'],
  ] as const) {
    const saved = d.run('correct', record!.cpf, '--field', 'email', '--value', email, '--reason', 'Pedido da profissional no balcão', '--evidence', 'RG');
    expect(saved.code, saved.stderr).toBe(0);
  }
  // Implanta's answer for the first one (the acknowledgement itself is covered by the batch tests).
  const answer = openRawStore(d.store);
  answer
    .prepare("UPDATE corrections SET status = 'synced', status_changed_at = '2026-03-12T15:00:00.000Z' WHERE professional_id = (SELECT id FROM professionals WHERE cpf = ?)")
    .run(synced.cpf);
  answer.close();
});
const { run, json } = desk;

describe('cress-desk registry export', () => {
  it('says in its help that records whose DIP status Implanta reported are written too', () => {
    const help = run('registry', 'export', '--help');
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/synced by Implanta, or whose DIP status Implanta reported, since the date/);
  });

  it('writes the records synced since the day, CSV in UTF-8 with BOM and `;`', () => {
    const out = join(desk.dir, 'sistema.csv');
    const exported = json('registry', 'export', '--since', '12/03/2026', '--out', out);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.body).toEqual({ path: out, rows: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), waiting: [], message: null });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFRegistro;CPF;Nome;')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^${synced.registration_number};\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2};`));
    expect(lines[1]).toContain(';sincronizado@exemplo.com.br;');
    expect(text).not.toContain('pendente@exemplo.com.br');
  });

  it('says so, and writes the header row alone, when nothing was synced since the day', () => {
    const out = join(desk.dir, 'vazio.xlsx');
    const exported = run('registry', 'export', '--since', '13/03/2026', '--out', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/No record was changed on the desk and synced by Implanta, nor had its DIP status reported, since 13\/03\/2026: .*vazio\.xlsx holds the header row only/);
    const book = XLSX.read(readFileSync(out), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1 });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.at(-1)).toBe('Situação do DIP');
  });

  it.each(['csv', 'xlsx'])('writes a .%s that `import registry` reads back with every row unchanged', (extension) => {
    const out = join(desk.dir, `volta.${extension}`);
    expect(run('registry', 'export', '--since', '12/03/2026', '--out', out).code).toBe(0);
    const preview = json('import', 'registry', out, '--dry-run');
    expect(preview.body).toMatchObject({ rows: 1, accepted: 0, unchanged: 1, rejected: 0, errors: [] });
    expect(preview.code).toBe(0);
    const imported = json('import', 'registry', out);
    expect(imported.body).toMatchObject({ rows: 1, accepted: 0, unchanged: 1, rejected: 0, errors: [] });
    expect(imported.code).toBe(0);
  });

  it('refuses to replace an existing file: exit 1 and a message saying nothing was replaced', () => {
    const out = join(desk.dir, 'ja-existe.csv');
    writeFileSync(out, 'não mexa');
    const refused = run('registry', 'export', '--since', '12/03/2026', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Já existe um arquivo ja-existe\.csv nessa pasta: escolha outro nome\. Nada foi substituído\./);
    expect(readFileSync(out, 'utf8')).toBe('não mexa');
  });

  it('treats a bad date, a missing option or another extension as wrong usage (exit 2)', () => {
    const out = join(desk.dir, 'uso.csv');
    for (const args of [
      ['--since', '31/02/2026', '--out', out],
      ['--since', '2026-13-01', '--out', out],
      ['--out', out],
      ['--since', '12/03/2026'],
      ['--since', '12/03/2026', '--out', join(desk.dir, 'uso.txt')],
    ]) {
      const result = run('registry', 'export', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/Usage: cress-desk/);
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a --since after today in Brasília: exit 1 naming the option and the date, no file written; today is taken', () => {
    const brasiliaDay = (offsetDays: number) =>
      new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(Date.now() + offsetDays * 86_400_000));
    // Two days on: whatever the hour, still after today in Brasília.
    for (const since of [brasiliaDay(2), '01/01/2099']) {
      const out = join(desk.dir, `futuro-${since.replace(/\//g, '-')}.csv`);
      const refused = run('registry', 'export', '--since', since, '--out', out);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stderr).toContain(`--since ${since}:`);
      expect(refused.stderr).toMatch(/ainda não chegou/);
      expect(existsSync(out)).toBe(false);
    }
    const today = join(desk.dir, 'hoje.csv');
    expect(run('registry', 'export', '--since', brasiliaDay(0), '--out', today).code).toBe(0);
    expect(existsSync(today)).toBe(true);
  });

  it('leaves `registry show` and `registry search` working beside it', () => {
    const shown = json('registry', 'show', synced.registration_number);
    expect(shown.code).toBe(0);
    expect(shown.body).toMatchObject({ registrationNumber: synced.registration_number, email: 'sincronizado@exemplo.com.br' });
    expect(json('registry', 'search', synced.registration_number).body).toMatchObject({ items: [{ registrationNumber: synced.registration_number }] });
  });
});
