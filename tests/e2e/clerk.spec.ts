// A clerk's first day: set up the desk, find a professional, try a wrong value, correct the
// e-mail against a document, and find the change in the record's history and in the queue.
import { userInfo } from 'node:os';
import { expect, fillFirstRun, openRecord, setUpDemoDesk, test } from './fixtures';

test('first run sets up the desk for a CRESS region', async ({ desk }) => {
  const { page } = desk;
  await expect(page.getByRole('heading', { name: /Bem-vind/ })).toBeVisible();
  await fillFirstRun(page);
  await page.getByRole('button', { name: 'Começar' }).click();
  await expect(page.getByText('CRESS 9ª Região (SP)').first()).toBeVisible();
  await expect(page.getByText('Ana Souza').first()).toBeVisible();
  const info = await desk.cli('--json', 'info');
  expect(JSON.parse(info.stdout).settings).toMatchObject({ region: 9, uf: 'SP', operator: 'Ana Souza' });
});

test('search finds professionals by name without accents and masks CPFs', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 400, 7);
  await page.reload();
  await page.getByRole('button', { name: 'Cadastro' }).click();
  await page.getByLabel('Buscar no cadastro').fill('conceicao');
  const rows = page.getByRole('row').filter({ hasText: /Concei/ });
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText(/\*\*\*\.\d{3}\.\d{3}-\*\*/);
});

test('a wrong e-mail is refused and a right one is saved, audited and queued', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 200, 3);
  const found = await desk.cli('--json', 'registry', 'search', 'a');
  const target = JSON.parse(found.stdout).items.find((p: { dipStatus: string }) => p.dipStatus === 'none' || p.dipStatus === 'requested');
  await page.reload();
  await openRecord(page, { registration_number: target.registrationNumber, name: target.name });
  await page.getByRole('button', { name: 'Corrigir dados' }).click();

  const email = page.getByLabel('E-mail', { exact: true });
  await email.fill('nao-e-um-email');
  await email.blur();
  await expect(page.getByText(/E-mail inválido/).first()).toBeVisible();

  await email.fill('nova.caixa@exemplo.com.br');
  await page.getByLabel('Motivo da correção').fill('E-mail informado pela profissional no balcão');
  await page.getByLabel('Documento apresentado').fill('RG');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('nova.caixa@exemplo.com.br');
  await dialog.getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/Correção salva/)).toBeVisible();

  await expect(page.getByText('nova.caixa@exemplo.com.br').first()).toBeVisible();
  await page.getByRole('tab', { name: /Correções/ }).click();
  await expect(page.getByRole('tabpanel')).toContainText('nova.caixa@exemplo.com.br');
  await expect(page.getByRole('tabpanel')).toContainText('Pendente');
  await page.getByRole('tab', { name: /Histórico/ }).click();
  await expect(page.getByRole('tabpanel')).toContainText('Ana Souza');
  await expect(page.getByRole('tabpanel')).toContainText('E-mail');
  // The audit entry shows, beside the operator, the computer's account the desk ran under.
  const auditTable = page.getByRole('table', { name: 'Registro de auditoria deste cadastro' });
  await expect(auditTable.getByRole('columnheader', { name: 'Conta do computador' })).toBeVisible();
  await expect(auditTable.getByRole('row').filter({ hasText: 'Ana Souza' }).first()).toContainText(userInfo().username);
  const record = JSON.parse((await desk.cli('--json', 'registry', 'show', target.registrationNumber)).stdout);
  expect(record.email).toBe('nova.caixa@exemplo.com.br');

  await page.getByRole('button', { name: 'Correções' }).first().click();
  const row = page.getByRole('row').filter({ hasText: 'nova.caixa@exemplo.com.br' });
  await expect(row).toContainText('Pendente');
  await expect(row).toContainText(target.name);

  const audit = JSON.parse((await desk.cli('--json', 'audit', 'verify')).stdout);
  expect(audit.ok).toBe(true);
});
