// The export dialogs say what is wrong with a date in the date rule's own words (a day that does
// not exist is not a wrong format), and which of two dates it is.
import { expect, setUpDemoDesk, test } from './fixtures';

test('an impossible day in the exports is said as such, naming the field', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 5, 2);
  await page.reload();
  await page.getByRole('button', { name: 'Cadastro', exact: true }).click();
  await page.getByRole('button', { name: 'Exportar para o sistema do Regional' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Sincronizados desde').fill('31/02/2026');
  await dialog.getByRole('button', { name: 'Exportar' }).click();
  await expect(dialog.getByText('Data inválida: 31/02/2026 não existe no calendário.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Voltar' }).click();

  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  const card = page.getByRole('region', { name: 'Histórico para o encarregado de dados (LGPD)' });
  await card.getByLabel('Até').fill('29/02/2025');
  await card.getByRole('button', { name: 'Exportar histórico' }).click();
  await expect(card.getByText('Até: Data inválida: 29/02/2025 não existe no calendário.')).toBeVisible();
});
