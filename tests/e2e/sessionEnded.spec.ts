// A session ended by another program (the operator disabled, the PIN changed) while the clerk was
// saving: the window goes back to the choice of who works and says why, instead of switching
// screens without a word.
import { expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';

test('a save refused because the operator was disabled elsewhere says why on the choice of who works', async ({ desk }) => {
  await setUpDemoDesk(desk, 20, 8);
  expect((await desk.cli('--operator', 'Ana Souza', 'operator', 'add', 'Bia Lima')).code).toBe(0);
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'none' LIMIT 1");
  const { page } = desk;
  await page.reload();
  await openRecord(page, who as RecordRow);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill('sessao.encerrada@exemplo.com.br');
  await page.getByLabel('Motivo da correção').fill('Pedido no balcão');
  await page.getByRole('combobox', { name: 'Documento apresentado' }).fill('RG');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Salvar correção' })).toBeVisible();

  expect((await desk.cli('--operator', 'Bia Lima', 'operator', 'disable', 'Ana Souza')).code).toBe(0);
  await dialog.getByRole('button', { name: 'Salvar correção' }).click();

  await expect(page.getByRole('heading', { name: 'Quem está atendendo?' })).toBeVisible();
  await expect(page.getByText('A sessão de Ana Souza terminou: o operador foi desativado em outro programa.', { exact: false })).toBeVisible();
  expect(desk.query("SELECT id FROM corrections WHERE new_value = 'sessao.encerrada@exemplo.com.br'")).toHaveLength(0);
});
