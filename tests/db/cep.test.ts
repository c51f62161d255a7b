import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProfessional, openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

const entry = { cep: '01999-001', street: 'Rua Nova do Loteamento', district: 'Jardim Esperança', city: 'São Paulo', uf: 'SP', reason: 'CEP novo não localizado' };

function changes(cep: string) {
  return desk.store.db.prepare('SELECT old_value, new_value, status, operator FROM cep_changes WHERE cep = ? ORDER BY id').all(cep) as {
    old_value: string | null;
    new_value: string;
    status: string;
    operator: string;
  }[];
}

describe('the CEP directory', () => {
  it('adds a CEP and queues it for Implanta', async () => {
    const result = await desk.dispatch('cep:save', entry);
    expect(result).toMatchObject({
      ok: true,
      value: { created: true, entry: { cep: '01999001', street: 'Rua Nova do Loteamento', uf: 'SP', status: 'pending', operator: 'Ana Paula' } },
    });
    expect(changes('01999001')).toEqual([
      { old_value: null, new_value: JSON.stringify({ street: 'Rua Nova do Loteamento', district: 'Jardim Esperança', city: 'São Paulo', uf: 'SP' }), status: 'pending', operator: 'Ana Paula' },
    ]);
  });

  it('fixes a CEP: the entry changes and a second change is queued with the old value', async () => {
    await desk.dispatch('cep:save', entry);
    const fixed = await desk.dispatch('cep:save', { ...entry, street: 'Rua Nova', reason: 'Nome oficial da rua' });
    expect(fixed).toMatchObject({ ok: true, value: { created: false, entry: { street: 'Rua Nova' } } });
    const queued = changes('01999001');
    expect(queued).toHaveLength(2);
    expect(JSON.parse(queued[1]?.old_value ?? 'null')).toMatchObject({ street: 'Rua Nova do Loteamento' });
    const again = await desk.dispatch('cep:save', { ...entry, street: 'Rua Nova', reason: 'Nome oficial da rua' });
    expect(again).toMatchObject({ ok: false, error: { code: 'NO_CHANGE' } });
    const audit = desk.store.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'cep.save'").get();
    expect(audit).toEqual({ n: 2 });
  });

  it('refuses a CEP of another UF, a missing city and a short reason', async () => {
    expect(await desk.dispatch('cep:save', { ...entry, uf: 'RJ' })).toMatchObject({ ok: false, error: { code: 'CEP_UF_MISMATCH', field: 'cep' } });
    expect(await desk.dispatch('cep:save', { ...entry, cep: '0199' })).toMatchObject({ ok: false, error: { code: 'CEP_INVALID', field: 'cep' } });
    const noCity = await desk.dispatch('cep:save', { ...entry, city: '   ' });
    expect(noCity).toMatchObject({ ok: false, error: { code: 'VALUE_REQUIRED', field: 'city' } });
    if (!noCity.ok) expect(noCity.error.message).toContain('Município');
    expect(await desk.dispatch('cep:save', { ...entry, reason: 'novo' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    expect(changes('01999001')).toHaveLength(0);
  });

  it('refuses a município that IBGE does not list in the UF, naming the Município field, and accepts it written without accents', async () => {
    const elsewhere = await desk.dispatch('cep:save', { ...entry, cep: '20040-020', city: 'São Paulo', uf: 'RJ' });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'CITY_UNKNOWN', field: 'city' } });
    if (!elsewhere.ok) expect(elsewhere.error.message).toBe('Município “São Paulo” não é um município de RJ na lista do IBGE. Confira o município e a UF.');
    expect(await desk.dispatch('cep:save', { ...entry, city: 'Sao Palo' })).toMatchObject({ ok: false, error: { code: 'CITY_UNKNOWN', field: 'city' } });
    expect(changes('20040020')).toHaveLength(0);
    expect(await desk.dispatch('cep:save', { ...entry, cep: '20040-020', city: 'RIO DE JANEIRO', uf: 'RJ' })).toMatchObject({ ok: true });
  });

  it('accepts a CEP without street and district (one CEP for a whole small town)', async () => {
    const town = await desk.dispatch('cep:save', { ...entry, cep: '13990-000', street: '', district: '', city: 'Espírito Santo do Pinhal' });
    expect(town).toMatchObject({ ok: true, value: { created: true, entry: { street: '', district: '', city: 'Espírito Santo do Pinhal' } } });
  });

  it('lets a directory CEP outside the Correios ranges stand for its UF in a correction', async () => {
    const p = addProfessional(desk.store, { cep: '01310100', uf: 'SP' });
    const preview = (uf: string) =>
      desk.handlers['corrections:preview']({ professionalId: p.id, changes: { cep: '78950-000', uf } }) as { errors: { code: string }[] };
    expect(preview('SP').errors.map((e) => e.code)).toEqual(['CEP_UF_MISMATCH']);
    expect((await desk.dispatch('cep:save', { ...entry, cep: '78950-000' })).ok).toBe(true);
    expect(preview('SP').errors).toEqual([]);
    // The directory vouches for SP only.
    expect(preview('MG').errors.map((e) => e.code)).toEqual(['CEP_UF_MISMATCH']);
  });

  it('lists by CEP prefix or by street, district or city text', async () => {
    await desk.dispatch('cep:save', entry);
    await desk.dispatch('cep:save', { ...entry, cep: '13000-001', street: 'Avenida Brasil', district: 'Centro', city: 'Campinas' });
    const list = (text: string) => (desk.handlers['cep:list']({ text, page: 0, pageSize: 25 }) as { total: number; items: { cep: string }[] }).items.map((i) => i.cep);
    expect(list('')).toEqual(['01999001', '13000001']);
    expect(list('0199')).toEqual(['01999001']);
    expect(list('13000-0')).toEqual(['13000001']);
    expect(list('esperanca')).toEqual(['01999001']);
    expect(list('CAMPINAS')).toEqual(['13000001']);
    expect(list('100%')).toEqual([]);
  });
});
