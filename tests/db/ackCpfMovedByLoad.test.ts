// An answer whose row names the correction's id and the CPF the professional had when the lote was
// sealed, after a registry load of the council's main system corrected her CPF and gave that CPF
// to another record: the answer goes to the person of the correction, never to whoever holds the
// CPF now.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { Professional } from '../../shared/domain';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, correct, importAck, loadRegistry, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

let desk: BatchDesk;
let rita: Professional;
let uuid: string;

beforeEach(async () => {
  desk = openBatchDesk();
  rita = addProfessional(desk.store, { name: 'Rita Souza', email: 'rita@exemplo.com.br' });
  uuid = correct(desk, rita, { email: 'rita.souza@gmail.com' }).corrections[0]!.uuid;
  await sendBatch(desk);
});
afterEach(() => desk.cleanup());

const byRegistration = (registration: string) => findProfessional(desk.store.db, registration) as Professional;

describe('an answer naming a CPF a registry load moved to another record since the lote was sealed', () => {
  it('goes to the person of the correction, and the record now holding that CPF is left as it was', async () => {
    const corrected = validCpf(77001);
    loadRegistry(desk, ['Registro;CPF;Nome;E-mail', `${rita.registrationNumber};${corrected};Rita Souza;rita@exemplo.com.br`, `77002;${rita.cpf};Ana Lima;ana@exemplo.com.br`]);
    expect(byRegistration(rita.registrationNumber).cpf).toBe(corrected);
    expect(byRegistration('77002').cpf).toBe(rita.cpf);

    const csv = `CPF;id;situação\r\n${formatCpf(rita.cpf)};${uuid};aplicada\r\n`;
    expect(await importAck(desk, writeAck(desk, 'respondido.csv', csv))).toMatchObject({ applied: 1 });

    expect(byRegistration(rita.registrationNumber).email).toBe('rita.souza@gmail.com');
    expect(byRegistration('77002').email).toBe('ana@exemplo.com.br');
    expect(desk.store.db.prepare('SELECT professional_id AS id, status FROM corrections WHERE uuid = ?').get(uuid)).toEqual({ id: rita.id, status: 'synced' });
  });
});
