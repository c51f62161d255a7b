// The log file tells IT what ran and how it ended, and never whose data it was (LGPD).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDesk } from '../../db';
import { scrub } from '../../db/log';

const dir = mkdtempSync(join(tmpdir(), 'cress-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('log scrubbing', () => {
  it('masks CPFs, CEPs, e-mails and phones in any form', () => {
    const line = scrub('CPF 529.982.247-25 ou 52998224725, CEP 01310-100, maria.silva@exemplo.com.br, (11) 98888-7777');
    expect(line).toBe('CPF [cpf] ou [cpf], CEP [cep], [e-mail], [telefone]');
  });
});

describe('the desk log', () => {
  it('records calls and refusals without the data they carried', async () => {
    const desk = openDesk({ path: join(dir, 'store.sqlite'), appVersion: 'test', logDir: join(dir, 'logs') });
    try {
      await desk.dispatch('settings:setup', { region: 9, operator: 'Ana Souza', seccional: null, demoProfessionals: 20 });
      const someone = desk.store.db.prepare('SELECT id, cpf, mother_name, row_version FROM professionals WHERE mother_name IS NOT NULL LIMIT 1').get() as {
        id: number;
        cpf: string;
        mother_name: string;
        row_version: number;
      };
      await desk.dispatch('registry:find', { key: someone.cpf });
      await desk.dispatch('corrections:save', {
        professionalId: someone.id,
        expectedRowVersion: someone.row_version,
        changes: { email: 'nao é e-mail', motherName: 'Joana Darc da Silva' },
        reason: 'Pedido no balcão',
        evidence: { kind: 'RG', arrival: 'in_person', date: '2026-11-24' },
      });
      const log = readFileSync(join(dir, 'logs', 'cress-desk.log'), 'utf8');
      const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.channel)).toEqual(['settings:setup', 'registry:find', 'corrections:save']);
      expect(lines[2]).toMatchObject({ ok: false, code: 'EMAIL_INVALID' });
      expect(log).not.toContain(someone.cpf);
      expect(log).not.toContain(someone.mother_name);
      expect(log).not.toContain('Joana Darc');
      expect(log).not.toContain('Ana Souza');
    } finally {
      desk.close();
    }
  });
});
