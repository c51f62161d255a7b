// A registry load whose cells carry characters nobody sees (a zero-width space, a byte-order mark in
// mid-text, a soft hyphen, a bidirectional override, a control character): the desk stores the text
// without them, so a name that looks the same is found the same, and the load says how many cells
// it cleaned.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validCpf } from '../db/fixtures';
import { cliDesk, initDesk } from './command';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail;Município;UF';
const desk = cliDesk('cress-cli-invisible-', (d) => initDesk(d));
const { run, json } = desk;


describe('cress-desk import registry with invisible characters in its cells', () => {
  it('stores each text without them, finds the name as it reads, and counts the cells cleaned', () => {
    const path = join(desk.dir, 'carga.csv');
    const rows = [
      `50001;${validCpf(50001)};Ma\u200bria Souza;\ufeffAna Souza;maria\u202e@exemplo.com.br;Cam\u00adpinas;SP`,
      `50002;${validCpf(50002)};Joana\u0007 Lima;Rute\u2066 Lima\u2069;joana@exemplo.com.br;São Paulo;SP`,
      `50003;${validCpf(50003)};Sara Dias;Lia Dias;sara@exemplo.com.br;São Paulo;SP`,
    ];
    writeFileSync(path, [HEADER, ...rows].join('\r\n'));

    const loaded = json('import', 'registry', path);
    expect(loaded.code).toBe(0);
    expect(loaded.body).toMatchObject({ rows: 3, accepted: 3, rejected: 0, cleaned: 6 });
    expect(run('import', 'registry', path, '--dry-run').stdout).toContain('6 cells held invisible characters');

    expect(json('registry', 'show', '50001').body).toMatchObject({ name: 'Maria Souza', motherName: 'Ana Souza', email: 'maria@exemplo.com.br', city: 'Campinas' });
    expect(json('registry', 'show', '50002').body).toMatchObject({ name: 'Joana Lima', motherName: 'Rute Lima' });
    const found = json('registry', 'search', 'Maria Souza').body.items as { registrationNumber: string }[];
    expect(found.map((p) => p.registrationNumber)).toEqual(['50001']);
    // Clean names are no pendência of their own: only what is really wrong is flagged.
    expect(loaded.body.flagged).toBe(0);
  });
});
