// Implanta is where the DIP is requested and made: the status it reports, with its date, is the
// professional's DIP status. The council's main system only copies it, undated, so a registry load
// never moves it back; when the file says another status the load keeps Implanta's, counts the row
// as kept and leaves the clerk a note naming both. An answer of Implanta is taken even when a load
// wrote the status after the day Implanta gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../db/registry';
import { pendenciesOf } from '../../db/pendencies';
import type { Professional } from '../../shared/domain';
import { correct, importAck, loadRegistry, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;Situação do DIP';
const MARIA = (dip: string) => `40001;${validCpf(40001)};Maria Souza;Rita Souza;${dip}`;

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  load('Solicitado');
});
afterEach(() => desk.cleanup());

/** The council's main system loads Maria with this DIP status. */
function load(dip: string) {
  return loadRegistry(desk, [HEADER, MARIA(dip)]);
}

const maria = () => findProfessional(desk.store.db, '40001') as Professional;
const dipNotes = () => pendenciesOf(desk.store.db, maria().id).filter((p) => p.code === 'DIP_STATUS_MISMATCH');

/** Maria's e-mail corrected and sent; Implanta applies it and says her card went to manufacture on 10/12/2025. */
async function implantaReportsManufacture(): Promise<void> {
  const uuid = correct(desk, maria(), { email: 'maria.souza@gmail.com' }).corrections[0]?.uuid as string;
  const { batch, sha256 } = await sendBatch(desk);
  const answer = {
    schemaVersion: 2,
    batch: batch.uuid,
    packageSha256: sha256,
    items: [{ id: uuid, status: 'applied', dipStatus: 'in_manufacture', dipStatusDate: '10/12/2025' }],
  };
  expect(await importAck(desk, writeAck(desk, 'resposta.json', answer))).toMatchObject({ dipUpdated: 1 });
}

describe('a registry load after Implanta reported the DIP status', () => {
  it('keeps the card in manufacture Implanta reported, with its date, when the main system still says confirmed', async () => {
    await implantaReportsManufacture();
    const summary = load('Confirmado');
    expect(maria()).toMatchObject({ dipStatus: 'in_manufacture', dipStatusAt: '2025-12-10' });
    expect(summary).toMatchObject({ accepted: 0, unchanged: 1, kept: 1 });
    expect(dipNotes()).toEqual([
      expect.objectContaining({
        source: 'load',
        message:
          'Situação do DIP no sistema do Regional: “Confirmado”; a Implanta informou “Em confecção” em 10/12/2025, e a mesa manteve a da Implanta. Atualize o sistema do Regional.',
      }),
    ]);
  });

  it('then asks for a new card, not a corrected request, when the name is corrected', async () => {
    await implantaReportsManufacture();
    load('Confirmado');
    const saved = correct(desk, maria(), { name: 'Maria Souza Lima' }, { dipAcknowledged: true }) as unknown as { corrections: { dipConsequence?: string }[] };
    const stored = desk.store.db.prepare("SELECT dip_consequence AS dip FROM corrections WHERE field = 'name'").get() as { dip: string };
    expect(saved.corrections).toHaveLength(1);
    expect(stored.dip).toBe('new_card_required');
  });

  it('adds no note when the main system caught up with Implanta, and drops the earlier one', async () => {
    await implantaReportsManufacture();
    load('Confirmado');
    const summary = load('Em confecção');
    expect(summary).toMatchObject({ unchanged: 1 });
    expect(maria()).toMatchObject({ dipStatus: 'in_manufacture', dipStatusAt: '2025-12-10' });
    expect(dipNotes()).toEqual([]);
  });

  it('still takes the main system’s status while Implanta has reported none', () => {
    const summary = load('Confirmado');
    expect(summary).toMatchObject({ accepted: 1, kept: 0 });
    expect(maria().dipStatus).toBe('confirmed');
    expect(dipNotes()).toEqual([]);
  });
});

describe('an answer of Implanta after a registry load changed the DIP status', () => {
  it('takes Implanta’s status even though its date is before the day of the load', async () => {
    load('Confirmado');
    expect(maria().dipStatus).toBe('confirmed');
    await implantaReportsManufacture();
    expect(maria()).toMatchObject({ dipStatus: 'in_manufacture', dipStatusAt: '2025-12-10' });
  });
});
