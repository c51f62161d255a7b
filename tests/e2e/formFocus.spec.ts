// "Revisar correção" with something missing takes the keyboard to the first field whose message
// shows, the document presented included, as the clerk (or her screen reader) needs to go on.
import { expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';

test('a correction without the document presented takes the keyboard to that field', async ({ desk }) => {
  await setUpDemoDesk(desk, 30, 6);
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'none' LIMIT 1");
  const { page } = desk;
  await page.reload();
  await openRecord(page, who as RecordRow);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill('foco.documento@exemplo.com.br');
  await page.getByLabel('Motivo da correção').fill('Pedido no balcão');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await expect(page.getByText('Informe o documento apresentado (ex.: RG, Certidão de casamento).')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Documento apresentado' })).toBeFocused();
});
