// A professional whose CPF the desk corrected is still known to Implanta and the main system by the
// old one until they take the correction, and says the old one when she calls. Looking her up by it
// (the command line's CPF-or-registration, an atendimento opened with the CPF she told) finds her
// record, as a corrections import does — unless a record holds that CPF now, or two records left it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, openBatchDesk, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

const find = (key: string) => desk.handlers['registry:find']({ key }) as Professional | null;

describe('a CPF the desk corrected away from', () => {
  it('finds her record, and opens an atendimento told that CPF on it', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store, { cpf: '39736171710' });
    correct(desk, maria, { cpf: '52998224725' });
    expect(find('397.361.717-10')?.id).toBe(maria.id);
    expect(find('529.982.247-25')?.id).toBe(maria.id);
    const told = (await desk.handlers['contacts:add']({ professionalId: null, cpf: '397.361.717-10', name: null, channel: 'phone', case: 'B', summary: 'Não entra com o CPF.', notes: null, attachments: [] })) as Contact;
    expect(told.person.professionalId).toBe(maria.id);
  });

  it('finds the record that holds it now, and nobody when two records left it', () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store, { cpf: '39736171710' });
    correct(desk, maria, { cpf: '52998224725' });
    const joana = addProfessional(desk.store, { cpf: '39736171710' });
    expect(find('39736171710')?.id).toBe(joana.id);
    correct(desk, joana, { cpf: '11144477735' });
    expect(find('39736171710')).toBeNull();
  });

  it('no longer counts a CPF correction the clerk withdrew: an atendimento told that CPF is not hers', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store, { cpf: '39736171710' });
    const withdrawn = correct(desk, maria, { cpf: '52998224725' }).corrections[0]!.uuid;
    desk.handlers['corrections:cancel']({ uuid: withdrawn, reason: 'CPF digitado errado.' });
    // The main system's next load brings her real CPF: 397… was never hers to Implanta.
    desk.store.db.prepare("UPDATE professionals SET cpf = '11144477735' WHERE id = ?").run(maria.id);
    expect(find('39736171710')).toBeNull();
    const told = (await desk.handlers['contacts:add']({ professionalId: null, cpf: '397.361.717-10', name: 'Outra pessoa', channel: 'phone', case: 'B', summary: 'Ligou.', notes: null, attachments: [] })) as Contact;
    expect(told.person.professionalId).toBeNull();
    expect(() => correct(desk, maria, { email: 'maria@exemplo.com.br' }, { contactId: told.id })).toThrow(/ainda não foi localizado e foi aberto com o CPF 397\.361\.717-10/);
  });
});
