// Who works at the desk: the first run gives the first operator a PIN, each session starts by
// choosing a name and typing its PIN, a wrong PIN says so, Trocar in the title bar goes back to the
// choice, and a correction saved is signed by the operator chosen.
import { seriousViolations } from './axe';
import { correctEmail } from './correctionSteps';
import { expect, fillFirstRun, openRecord, setUpDemoDesk, test } from './fixtures';

test('the first run sets the PIN, Trocar goes back to the choice, and a wrong PIN says so', async ({ desk }) => {
  const { page } = desk;
  await fillFirstRun(page, { pin: '2468', repeat: '2486' });
  await page.getByRole('button', { name: 'Começar' }).click();
  await expect(page.getByText('Os dois PINs não são iguais.')).toBeVisible();
  await page.getByLabel('Repita o PIN').fill('2468');
  await page.getByRole('button', { name: 'Começar' }).click();
  await expect(page.getByText('Operador: Ana Souza')).toBeVisible();

  await page.getByRole('button', { name: 'Trocar' }).click();
  await expect(page.getByRole('heading', { name: 'Quem está atendendo?' })).toBeVisible();
  // The only operator is chosen already and the PIN field waits for the keys.
  const pin = page.getByLabel('PIN de Ana Souza');
  await expect(pin).toBeFocused();
  // A ninth digit is a slip, not a wrong PIN: said so, and no attempt is spent.
  await page.keyboard.type('246801357');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('O PIN tem de 4 a 8 algarismos.');
  await expect(page.getByRole('alert')).not.toContainText('PIN incorreto');
  await pin.fill('');
  await page.keyboard.type('1111');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('PIN incorreto');
  await expect(page.getByRole('alert')).toContainText('Restam 4 tentativas');
  await expect(pin).toHaveValue('');
  expect(await seriousViolations(page, 'Quem está atendendo?')).toEqual([]);
  await page.keyboard.type('2468');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Operador: Ana Souza')).toBeVisible();
});

test('a correction saved is signed by the operator chosen, in Correções and in the audit', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 60, 3);
  expect((await desk.cli('operator', 'add', 'Bia Lima')).code).toBe(0);
  const found = await desk.cli('--json', 'registry', 'search', 'a');
  const target = JSON.parse(found.stdout).items.find((p: { dipStatus: string }) => p.dipStatus === 'none' || p.dipStatus === 'requested');
  await page.reload();
  await expect(page.getByText('Operador: Ana Souza')).toBeVisible();

  // Trocar, then Bia by the keyboard: her initial, Enter, and the PIN she creates now.
  await page.getByRole('button', { name: 'Trocar' }).click();
  await expect(page.getByRole('heading', { name: 'Quem está atendendo?' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: /Bia Lima/ })).toContainText('Primeiro acesso: crie o seu PIN');
  await page.getByRole('menuitem', { name: /Ana Souza/ }).focus();
  await page.keyboard.press('b');
  await expect(page.getByRole('menuitem', { name: /Bia Lima/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Crie o seu PIN')).toBeFocused();
  await page.keyboard.type('1357');
  await page.getByLabel('Repita o PIN').fill('1357');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Operador: Bia Lima')).toBeVisible();
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Operadores' })).toContainText('Bia Lima (você)');
  expect(await seriousViolations(page, 'Configurações')).toEqual([]);

  await openRecord(page, { registration_number: target.registrationNumber, name: target.name });
  await correctEmail(page, 'bia.conferiu@exemplo.com.br', 'E-mail informado pela profissional no balcão', 'RG');
  await expect(page.getByText(/Correção salva/)).toBeVisible();

  await page.getByRole('button', { name: 'Correções' }).first().click();
  await page.getByRole('combobox', { name: 'Operador' }).click();
  await page.getByRole('option', { name: 'Bia Lima' }).click();
  const row = page.getByRole('row').filter({ hasText: target.name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Bia Lima');
  const signed = desk.query<{ operator: string; account: string | null }>("SELECT operator, account FROM audit_log WHERE action = 'correction.save'");
  expect(signed).toEqual([{ operator: 'Bia Lima', account: expect.any(String) }]);
});

test('an operator added is announced in the council’s words, and a name already on the list is refused under the name', async ({ desk }) => {
  const { page } = desk;
  await fillFirstRun(page);
  await page.getByRole('button', { name: 'Começar' }).click();
  await page.getByRole('button', { name: 'Configurações', exact: true }).click();
  const name = page.getByLabel('Nome do novo operador');
  await name.fill('João Lima');
  await page.getByRole('button', { name: 'Adicionar operador' }).click();
  await expect(page.getByText('João Lima foi adicionada/o. O PIN é criado no primeiro acesso.')).toBeVisible();
  await name.fill('Ana Souza');
  await page.getByRole('button', { name: 'Adicionar operador' }).click();
  await expect(name).toHaveAccessibleDescription('Já existe um operador chamado Ana Souza.');
});
