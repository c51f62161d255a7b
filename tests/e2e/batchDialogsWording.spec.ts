// What sealing or cancelling a lote will do, said in a sentence a clerk reads aloud: only the kinds
// of item the lote holds, and a verb that agrees with how many there are.
import { expect, setUpDemoDesk, test } from './fixtures';

test('cancelling and sealing a lote of one correction speak of that correction alone, in the singular', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 30, 4);
  const [p] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  await desk.cli('correct', p!.registration_number, '--field', 'email', '--value', 'um.item@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
  await desk.cli('batch', 'create');
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('row', { name: 'Abrir o lote 2026-0001' }).click();

  await page.getByRole('button', { name: 'Cancelar lote' }).click();
  const cancelling = page.getByRole('dialog', { name: 'Cancelar o lote 2026-0001?' });
  await expect(cancelling).toContainText('1 correção volta para a fila como pendente. O número do lote não será reaproveitado.');
  await expect(cancelling).not.toContainText('CEP');
  await page.keyboard.press('Escape');
  await expect(cancelling).toHaveCount(0);

  await page.getByRole('button', { name: 'Lacrar lote' }).click();
  const sealing = page.getByRole('dialog');
  await expect(sealing).toContainText('O lote fica com 1 correção e não poderá mais ser mudado nem cancelado.');
  await expect(sealing).not.toContainText('CEP');
  await page.keyboard.press('Escape');
  expect(desk.query('SELECT sealed_at, cancelled_at FROM batches')).toEqual([{ sealed_at: null, cancelled_at: null }]);
});
