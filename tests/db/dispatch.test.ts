import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../db';
import { OPERATOR_CHANNELS, type Handlers } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { addProfessional, openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
afterEach(() => desk?.cleanup());

describe('the dispatcher', () => {
  it('answers ok envelopes with the parsed value, defaults filled', async () => {
    desk = openTestDesk();
    addProfessional(desk.store, { name: 'Helena Prado' });
    const result = await desk.dispatch('registry:search', { text: 'helena' });
    expect(result).toMatchObject({ ok: true, value: { total: 1, page: 0, pageSize: 25, items: [{ name: 'Helena Prado' }] } });
  });

  it('refuses an unknown channel and input that breaks the contract, in Portuguese', async () => {
    desk = openTestDesk();
    expect(await desk.dispatch('registry:drop', {})).toEqual({ ok: false, error: { code: 'INPUT_INVALID', message: 'Operação desconhecida: registry:drop.' } });
    expect(await desk.dispatch(42, {})).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
    const bad = await desk.dispatch('registry:search', { text: 'x', page: -1, extra: true });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe('INPUT_INVALID');
    expect(bad.error.message).toMatch(/^Dados inválidos/);
    expect(bad.error.message).toContain('page:');
    expect(bad.error.message).toContain('extra');
    expect(await desk.dispatch('registry:get', undefined)).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });

  it('passes AppErrors on and turns anything else into INTERNAL without rejecting', async () => {
    desk = openTestDesk();
    const broken: Handlers = {
      ...desk.handlers,
      'registry:find': () => {
        throw new AppError('PROFESSIONAL_NOT_FOUND', 'Cadastro não encontrado.');
      },
      'registry:get': () => {
        throw new TypeError('boom');
      },
      // Breaks the contract: a bug in the store, reported as such.
      'corrections:operators': () => [42] as unknown as string[],
    };
    const dispatch = createDispatcher(broken);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await dispatch('registry:find', { key: '123' })).toEqual({
      ok: false,
      error: { code: 'PROFESSIONAL_NOT_FOUND', message: 'Cadastro não encontrado.' },
    });
    expect(await dispatch('registry:get', { id: 1 })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Erro interno inesperado. Nada foi gravado pela operação que falhou.', details: { message: 'boom' } },
    });
    expect(await dispatch('corrections:operators', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged).toHaveBeenCalledTimes(2);
    logged.mockRestore();
  });

  it('says an unexpected error on the console by its channel and kind only, never its message nor its stack, which may quote a file or a value', async () => {
    desk = openTestDesk();
    const marker = 'Zuleica Marcadora 12345678909';
    const broken: Handlers = {
      ...desk.handlers,
      'registry:get': () => {
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '/home/ana/${marker}.csv'`), { code: 'ENOENT' });
      },
      'registry:find': () => {
        throw `${marker} não encontrada`;
      },
    };
    const dispatch = createDispatcher(broken);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await dispatch('registry:get', { id: 1 })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(await dispatch('registry:find', { key: '123' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      const said = logged.mock.calls.map((call) => call.map(String).join(' '));
      expect(said).toHaveLength(2);
      expect(said[0]).toMatch(/^\[registry:get\] Erro interno: Error ENOENT/);
      expect(said[1]).toMatch(/^\[registry:find\] Erro interno: desconhecido/);
      for (const line of said) expect(line).not.toMatch(/Zuleica|Marcadora|12345678909|\/home\/ana|\n\s+at /);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('setting the desk up', () => {
  it('refuses every write before setup, then records setup once', async () => {
    desk = openTestDesk({ setUp: false });
    const p = addProfessional(desk.store);
    const writes = [
      desk.dispatch('corrections:save', { professionalId: p.id, expectedRowVersion: 1, changes: { email: 'a@b.com.br' }, reason: 'Documento', evidence: { kind: 'RG', arrival: 'post', date: '2025-01-02' } }),
      desk.dispatch('cep:save', { cep: '01310-100', street: 'Av. Paulista', district: 'Bela Vista', city: 'São Paulo', uf: 'SP', reason: 'CEP novo' }),
      desk.dispatch('registry:demo', { count: 5 }),
      desk.dispatch('settings:update', { seccional: 'Campinas' }),
    ];
    for (const result of await Promise.all(writes)) {
      expect(result).toEqual({ ok: false, error: { code: 'SETUP_REQUIRED', message: 'Configure a mesa antes: escolha o CRESS e o nome do operador.' } });
    }
    expect(await desk.dispatch('app:info', {})).toMatchObject({ ok: true, value: { settings: null, professionals: 1 } });

    const setup = await desk.dispatch('settings:setup', { region: 7, seccional: '  ', operator: ' Bia Rocha ' });
    expect(setup).toEqual({ ok: true, value: { region: 7, uf: 'RJ', seccional: null, operator: 'Bia Rocha' } });
    expect(await desk.dispatch('settings:setup', { region: 9, operator: 'Outra' })).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    const info = await desk.dispatch('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { version: '0.0.0-test', storePath: desk.store.path, settings: { uf: 'RJ' } } });
  });

  it('changes the seccional, recording who changed what, and no longer takes an operator name', async () => {
    desk = openTestDesk();
    expect(await desk.dispatch('settings:update', { seccional: 'Campinas' })).toEqual({
      ok: true,
      value: { region: 9, uf: 'SP', seccional: 'Campinas', operator: 'Ana Paula' },
    });
    const last = desk.store.db.prepare('SELECT operator, action, detail FROM audit_log ORDER BY id DESC LIMIT 1').get() as { operator: string; action: string; detail: string };
    expect(last).toMatchObject({ operator: 'Ana Paula', action: 'settings.update' });
    expect(JSON.parse(last.detail)).toEqual({ changes: { seccional: { from: null, to: 'Campinas' } } });
    expect(await desk.dispatch('settings:update', { operator: 'Carla Dias' } as never)).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });

  it('fills demo professionals of the region with one audit entry, at setup or later', async () => {
    desk = openTestDesk({ setUp: false });
    await desk.dispatch('settings:setup', { region: 9, operator: 'Ana Paula', demoProfessionals: 30 });
    const more = await desk.dispatch('registry:demo', { count: 20, seed: 7 });
    expect(more).toEqual({ ok: true, value: { inserted: 20, total: 50 } });
    const ufs = desk.store.db.prepare('SELECT DISTINCT uf FROM professionals').all();
    expect(ufs).toEqual([{ uf: 'SP' }]);
    const demo = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'registry.demo' ORDER BY id").all();
    expect(demo).toEqual([{ detail: JSON.stringify({ count: 30, seed: 1 }) }, { detail: JSON.stringify({ count: 20, seed: 7 }) }]);
    expect(await desk.dispatch('audit:verify', {})).toMatchObject({ ok: true, value: { ok: true, entries: 3 } });
  });

  it('refuses a channel that needs an operator in one place, before its handler runs; other channels run', async () => {
    desk = openTestDesk();
    const called: string[] = [];
    const spied = Object.fromEntries(
      Object.entries(desk.handlers).map(([channel, handler]) => [channel, (input: unknown) => (called.push(channel), (handler as (i: unknown) => unknown)(input))]),
    ) as unknown as Handlers;
    const nobody = () => {
      throw new AppError('SESSION_REQUIRED', 'Escolha quem está atendendo (nome e PIN) antes de gravar.');
    };
    const dispatch = createDispatcher(spied, undefined, { requireOperator: nobody });
    const inputs: Record<(typeof OPERATOR_CHANNELS)[number], unknown> = {
      'settings:exportKey': { path: desk.file('chave.key') },
      'backups:create': { passphrase: null },
      'audit:export': { from: '2025-01-01', to: '2025-12-31', path: desk.file('auditoria.xlsx') },
      'quality:export': { path: desk.file('pendencias.xlsx') },
      'registry:export': { since: '2025-01-01', path: desk.file('cadastro.xlsx') },
      'batches:export': { id: 1, path: desk.file('lote.zip'), passphrase: null },
      'contacts:forward': { id: 1, path: desk.file('encaminhamento.eml') },
      'contacts:attachment': { attachmentId: 1, path: desk.file('anexo.pdf') },
    };
    for (const channel of OPERATOR_CHANNELS) {
      expect(await dispatch(channel, inputs[channel] as never), channel).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
    }
    expect(called).toEqual([]);
    expect(await dispatch('registry:search', { text: 'x' })).toMatchObject({ ok: true });
    expect(called).toEqual(['registry:search']);
  });
});
