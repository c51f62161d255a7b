// A desk just set up, with nobody in its registry: the empty Cadastro says what fills it and takes
// the clerk there, instead of a list that waits for professionals to appear by themselves.
import { expect, test } from './fixtures';

test('an empty registry says how to load it and opens Importar', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await page.getByRole('button', { name: 'Cadastro', exact: true }).click();
  const empty = page.getByRole('status').filter({ hasText: 'O cadastro está vazio.' });
  await expect(empty).toContainText('Cadastro (carga do sistema do Regional)');
  await empty.getByRole('button', { name: 'Importar o cadastro' }).click();
  await expect(page.getByRole('heading', { name: 'Importar planilha', level: 1 })).toBeVisible();
});
