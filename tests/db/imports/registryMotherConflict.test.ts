// A main-system row with both a mother's name and "Não consta mãe" contradicts itself. The load
// reads it as the name, and the record says the file held both, whether the record took the name,
// kept a correction of its own, or waits on the clerk's choice in a conflict.
import { describe, expect, it } from 'vitest';
import { pendenciesOf } from '../../../db/pendencies';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { EVIDENCE, REASON, testDeskForEachTest, validCpf, type TestDesk } from '../fixtures';
import { registryLoader } from './registryLoads';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;Não consta mãe;E-mail';
const MARIA = (mother: string, notListed: string) => `40001;${validCpf(40001)};Maria Souza;${mother};${notListed};maria@exemplo.com.br`;

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

const loadRows = registryLoader(() => desk, HEADER);
const load = (row: string) => loadRows([row]);

const maria = () => findProfessional(desk.store.db, '40001') as Professional;
const bothNotes = () => pendenciesOf(desk.store.db, maria().id).filter((p) => p.code === 'MOTHER_CONFLICT' && p.source === 'load');

function correctMother(name: string): void {
  const p = maria();
  desk.handlers['corrections:save']({ professionalId: p.id, expectedRowVersion: p.rowVersion, changes: { motherName: name }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: true });
}

describe('a registry row with both a mother’s name and “Não consta mãe”', () => {
  it('that becomes a conflict with a correction on its way says, on the record, that the file held both', () => {
    load(MARIA('Rita Souza', 'Não'));
    correctMother('Rita de Cássia Souza');
    const summary = load(MARIA('Rita Maria Souza', 'Sim'));
    expect(summary.conflicts).toEqual([expect.objectContaining({ field: 'mother', fileValue: '{"motherName":"Rita Maria Souza","motherNotListed":false}' })]);
    expect(maria()).toMatchObject({ motherName: 'Rita de Cássia Souza', motherNotListed: false });
    expect(bothNotes()).toEqual([
      expect.objectContaining({
        field: 'motherNotListed',
        message:
          'O arquivo traz o nome da mãe (“Rita Maria Souza”) e também “Não consta mãe”: o sistema do Regional tem os dois. A mesa manteve o seu valor e leu o do arquivo como o nome da mãe. Confira o documento.',
      }),
    ]);
  });

  it('whose name the desk keeps against its own correction still says that the file held both', () => {
    load(MARIA('Rita Souza', 'Não'));
    correctMother('Rita de Cássia Souza');
    expect(load(MARIA('Rita Souza', 'Sim'))).toMatchObject({ kept: 1, conflictsTotal: 0 });
    expect(bothNotes()).toHaveLength(1);
  });

  it('whose name the record takes keeps saying that the name stayed', () => {
    load(MARIA('Rita Souza', 'Sim'));
    expect(maria()).toMatchObject({ motherName: 'Rita Souza', motherNotListed: false });
    expect(bothNotes()).toEqual([expect.objectContaining({ message: expect.stringMatching(/^O arquivo do sistema do Regional traz o nome da mãe e também “Não consta mãe”: ficou o nome da mãe\. Confira o documento: se o nome está certo, desmarque “Não consta mãe” no sistema do Regional \(esta pendência sai na próxima carga\)/) })]);
    // The main system mended: the next load takes the note away, as it says.
    load(MARIA('Rita Souza', 'Não'));
    expect(bothNotes()).toEqual([]);
  });
});
