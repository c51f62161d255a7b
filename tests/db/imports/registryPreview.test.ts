// The preview of a registry load reads like the corrections import's: whose record each row is
// (name and registration), and per field the load changes the value now → the file's value; a row
// that adds a record says "Novo cadastro" (shown by the window from `created`).
import { describe, expect, it } from 'vitest';
import { testDeskForEachTest, validCpf, type TestDesk } from '../fixtures';
import { registryLoader } from './registryLoads';

const HEADER = 'Registro;CPF;Nome;Estado civil;Data de nascimento;E-mail;CEP;UF;Situação do DIP';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

const loadRows = registryLoader(() => desk, HEADER);
const load = (rows: string[], dryRun: boolean) => loadRows(rows, { dryRun });

const MARIA = `40001;${validCpf(40001)};Maria Souza;Casada;17/05/1980;maria@exemplo.com.br;01310100;SP;Não solicitado`;
const JOANA = `40002;${validCpf(40002)};Joana Lima;Solteira;02/03/1975;joana@exemplo.com.br;04538132;SP;Não solicitado`;

describe('the preview of a registry load', () => {
  it('names each record and shows old → new for every field the file changes, in the screens’ formats', () => {
    load([MARIA, JOANA], false);
    const preview = load(
      [
        `40001;${validCpf(40001)};Maria Souza;Casada;18/05/1980;maria.souza@exemplo.com.br;01310100;SP;Confirmado`,
        JOANA,
        `40003;${validCpf(40003)};Rosa Pereira;Viúva;01/01/1960;rosa@exemplo.com.br;01310100;SP;Não solicitado`,
        `40004;123;Cpf Curto;Casada;01/01/1960;curto@exemplo.com.br;01310100;SP;Não solicitado`,
      ],
      true,
    );
    const [maria, joana, rosa, wrong] = preview.sample;
    expect(maria).toMatchObject({ status: 'accepted', who: 'Maria Souza (registro 40001)', created: false });
    expect(maria?.diff).toEqual(
      expect.arrayContaining([
        { field: 'Data de nascimento', from: '17/05/1980', to: '18/05/1980' },
        { field: 'E-mail', from: 'maria@exemplo.com.br', to: 'maria.souza@exemplo.com.br' },
        { field: 'Situação do DIP', from: 'Não solicitado', to: 'Confirmado' },
      ]),
    );
    expect(maria?.diff).toHaveLength(3);
    expect(joana).toMatchObject({ status: 'unchanged', who: 'Joana Lima (registro 40002)', diff: [], created: false });
    expect(rosa).toMatchObject({ status: 'accepted', who: 'Rosa Pereira (registro 40003)', diff: [], created: true });
    // A refused row still says whose it is meant to be, and adds nothing.
    expect(wrong).toMatchObject({ status: 'rejected', who: 'Cpf Curto (registro 40004)', created: false });
    // A preview wrote nothing.
    expect(desk.store.db.prepare("SELECT email FROM professionals WHERE registration_number = '40001'").get()).toEqual({ email: 'maria@exemplo.com.br' });
  });
});
