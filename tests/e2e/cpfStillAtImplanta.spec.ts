// The correction form, given a CPF Implanta still knows another professional by (that record's CPF
// correction went in a lote not yet answered): the save is refused, the form says whose CPF it
// still is for Implanta and what to wait for, and nothing is saved.
import { dirname } from 'node:path';
import { saveWithEvidence } from './correctionSteps';
import { expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';

test('a CPF whose correction Implanta has not answered yet is refused on another record, naming the record it still belongs to', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 20, 6);
  const [first, second] = desk.query<RecordRow & { cpf: string }>("SELECT cpf, registration_number, name FROM professionals WHERE dip_status IN ('none', 'requested') ORDER BY id LIMIT 2");
  const fixedCpf = '111.444.777-35';
  expect((await desk.cli('correct', first!.registration_number, '--set', `cpf=${fixedCpf}`, '--reason', 'CPF errado no cadastro', '--evidence', 'CPF original', '--accept-dip')).code).toBe(0);
  for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', dirname(desk.storePath)], ['batch', 'mark-sent', '2026-0001']]) {
    expect((await desk.cli(...step)).code).toBe(0);
  }

  await page.reload();
  await openRecord(page, second!);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('CPF', { exact: true }).fill(first!.cpf);
  await saveWithEvidence(page, 'CPF trocado no cadastro', 'CPF original');

  await expect(page.getByText(new RegExp(`ainda é o CPF do registro ${first!.registration_number} para a Implanta`))).toBeVisible();
  await expect(page.getByText(/enviada à Implanta no lote 2026-0001/)).toBeVisible();
  const [stored] = desk.query<{ cpf: string }>('SELECT cpf FROM professionals WHERE registration_number = ?', second!.registration_number);
  expect(stored!.cpf).toBe(second!.cpf);
});
