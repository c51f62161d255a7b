// The log the council's IT reads after a day of atendimentos: which channels ran and how they
// ended, never an attachment's name, a CPF, or the mother's name a caller typed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDesk } from '../../db';
import type { Envelope } from '../../shared/contract';
import { addProfessional } from './fixtures';
import { smallPng } from '../fixtures/images';

const dir = mkdtempSync(join(tmpdir(), 'cress-contacts-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the desk log after atendimentos', () => {
  it('holds the contacts channels and their codes, and none of the names, CPFs or typed answers', async () => {
    const logs = join(dir, 'logs');
    const desk = openDesk({ path: join(dir, 'store.sqlite'), appVersion: 'test', logDir: logs, create: true });
    try {
      await desk.dispatch('settings:setup', { region: 9, operator: 'Beatriz Lima', seccional: null });
      const maria = addProfessional(desk.store, { motherName: 'Antônia Conceição da Silva' });
      const added = (await desk.dispatch('contacts:add', {
        professionalId: maria.id,
        channel: 'email',
        case: 'C',
        summary: 'Página de erro ao confirmar o DIP',
      })) as Envelope<{ id: number; protocol: string }>;
      if (!added.ok) throw new Error(added.error.message);
      const id = added.value.id;
      const told = await desk.dispatch('contacts:add', { cpf: '987.654.321-00', name: 'Joana Prado Told', channel: 'phone', case: 'B', summary: 'Sem acesso' });
      expect(told.ok).toBe(true);
      await desk.dispatch('contacts:checkIdentity', { id, cpf: maria.cpf, motherName: 'Benedita Rosa Vieira' });
      await desk.dispatch('contacts:checkIdentity', { id, cpf: '111.444.777-35', motherName: 'Antonia Conceicao da Silva' });
      const png = join(dir, 'Print-Joana-111.444.777-35.png');
      writeFileSync(png, smallPng());
      const fake = join(dir, 'Comprovante-Benedita.png');
      writeFileSync(fake, Buffer.from('MZ\x90\x00 programa'));
      await desk.dispatch('contacts:attach', { id, path: png });
      const refused = await desk.dispatch('contacts:attach', { id, path: fake });
      expect(refused).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TYPE' } });
      await desk.dispatch('contacts:answer', { id, text: 'Resposta da Implanta sobre Joana Prado' });
      await desk.dispatch('contacts:close', { id, resolution: '' });
      await desk.dispatch('contacts:list', { overdue: true });

      const log = readFileSync(join(logs, 'cress-desk.log'), 'utf8');
      const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((l) => l.channel)).toEqual([
        'settings:setup',
        'contacts:add',
        'contacts:add',
        'contacts:checkIdentity',
        'contacts:checkIdentity',
        'contacts:attach',
        'contacts:attach',
        'contacts:answer',
        'contacts:close',
        'contacts:list',
      ]);
      expect(lines[6]).toMatchObject({ ok: false, code: 'ATTACHMENT_TYPE' });
      expect(lines[8]).toMatchObject({ ok: false, code: 'VALUE_REQUIRED' });
      for (const value of [maria.cpf, '98765432100', '987.654.321-00', '111.444.777-35', 'Benedita', 'Antônia', 'Antonia', 'Print-Joana', 'Comprovante', 'Joana', 'Beatriz']) {
        expect(log).not.toContain(value);
      }
    } finally {
      desk.close();
    }
  });
});
