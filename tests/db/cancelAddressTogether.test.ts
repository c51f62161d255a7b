// An address is saved as one change of several fields (CEP, street, town, UF…). Cancelling one of
// them alone would leave a CEP of Rio with a UF of São Paulo — an address the save itself refuses —
// on the record and on its way to Implanta. The others of that save go with it; a field saved
// apart, and the e-mail saved with the address, stay.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addProfessional, correct, openBatchDesk, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
});
afterEach(() => desk.cleanup());

const statuses = () =>
  Object.fromEntries((desk.store.db.prepare('SELECT field, status FROM corrections ORDER BY id').all() as { field: string; status: string }[]).map((c) => [c.field, c.status]));

describe('cancelling one field of an address saved together', () => {
  it('cancels the rest of that address with it, and the record is back on its whole old address', () => {
    const maria = addProfessional(desk.store, { name: 'Maria Souza', cep: '01310100', street: 'Avenida Paulista', district: 'Bela Vista', city: 'São Paulo', uf: 'SP' });
    const saved = correct(desk, maria, { cep: '20040020', street: 'Rua da Assembleia', district: 'Centro', city: 'Rio de Janeiro', uf: 'RJ', email: 'maria.nova@exemplo.com.br' }, { dipAcknowledged: true });
    const uf = saved.corrections.find((c) => c.field === 'uf')!;
    const result = desk.handlers['corrections:cancel']({ uuid: uf.uuid, reason: 'Lançado por engano' }) as { withIt: string[] };
    expect(result.withIt.sort()).toEqual(['Bairro', 'CEP', 'Logradouro', 'Município']);
    expect(statuses()).toEqual({ cep: 'cancelled', street: 'cancelled', district: 'cancelled', city: 'cancelled', uf: 'cancelled', email: 'pending' });
    const record = desk.store.db.prepare('SELECT cep, street, district, city, uf, email FROM professionals WHERE id = ?').get(maria.id);
    expect(record).toEqual({ cep: '01310100', street: 'Avenida Paulista', district: 'Bela Vista', city: 'São Paulo', uf: 'SP', email: 'maria.nova@exemplo.com.br' });
  });

  it('a field saved on its own is cancelled alone', () => {
    const lia = addProfessional(desk.store, { name: 'Lia Prado', cep: '01310100', street: 'Avenida Paulista', district: 'Bela Vista', city: 'São Paulo', uf: 'SP' });
    correct(desk, lia, { street: 'Avenida Paulista, conjunto 2' });
    desk.setNow('2026-03-10T15:00:00.000Z');
    const later = correct(desk, lia, { district: 'Cerqueira César' });
    const result = desk.handlers['corrections:cancel']({ uuid: later.corrections[0]!.uuid, reason: 'Bairro errado' }) as { withIt: string[] };
    expect(result.withIt).toEqual([]);
    expect(statuses()).toEqual({ street: 'pending', district: 'cancelled' });
  });
});
