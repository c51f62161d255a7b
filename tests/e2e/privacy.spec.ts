// The data-protection officer's copy of the audit trail: a spreadsheet with who did what and
// when, the CPF masked, and none of the personal values that changed.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import * as XLSX from 'xlsx';
import { expect, setUpDemoDesk, test } from './fixtures';

test('the audit trail of a period downloads as a spreadsheet without personal values', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 50, 8);
  const [someone] = desk.query<{ registration_number: string; cpf: string }>(
    "SELECT registration_number, cpf FROM professionals WHERE mother_name IS NOT NULL AND dip_status = 'none' LIMIT 1",
  );
  expect((await desk.cli('correct', someone?.registration_number ?? '', '--field', 'email', '--value', 'lgpd.teste@exemplo.com.br', '--reason', 'Pedido no balcão')).code).toBe(0);
  await page.reload();
  await page.getByRole('button', { name: 'Configurações' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exportar histórico' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^CRESS09-DEMONSTRACAO-auditoria-\d{8}-\d{8}\.xlsx$/);
  // The setup, the first operator's PIN set with it, the demo professionals and the correction.
  await expect(page.getByText(/Histórico exportado: 4 registros/)).toBeVisible();

  const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(readFileSync(await download.path())).Sheets.Auditoria as XLSX.WorkSheet);
  const correction = rows.find((r) => r['Ação'] === 'correction.save');
  expect(correction?.Registro).toBe(someone?.registration_number);
  expect(correction).toMatchObject({ Operador: 'Ana Souza', 'Conta do computador': userInfo().username });
  expect(correction?.CPF).toBe(`***.${someone?.cpf.slice(3, 6)}.${someone?.cpf.slice(6, 9)}-**`);
  expect(JSON.stringify(rows)).not.toContain('lgpd.teste@exemplo.com.br');
  expect(JSON.stringify(rows)).not.toContain(someone?.cpf);
});

test('the recovery key downloads only once the clerk confirms who can read the data with it', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await page.getByRole('button', { name: 'Configurações' }).click();
  const card = page.getByRole('region', { name: 'Chave de recuperação' });
  await expect(card.getByText(/Quem tiver este arquivo consegue ler todos os dados/)).toBeVisible();
  const button = card.getByRole('button', { name: 'Exportar chave de recuperação' });
  await expect(button).toBeDisabled();
  await card.getByRole('checkbox', { name: /Entendi: quem tiver o arquivo lê os dados/ }).check();
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('CRESS09-chave-de-recuperacao.key');
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).toMatch(/^CRESS Desk store key 1\n[0-9a-f]{64}\n$/);
  await expect(page.getByText(/Chave de recuperação gravada em CRESS09-chave-de-recuperacao\.key/)).toBeVisible();
  // The key itself is never shown on the screen.
  expect(await page.locator('body').innerText()).not.toContain(text.split('\n')[1] as string);
});
