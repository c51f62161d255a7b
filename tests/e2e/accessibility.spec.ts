// Every screen passes an automated accessibility check (axe-core) with no serious or critical
// violation, and the main flow can be done with the keyboard alone.
import { seriousViolations } from './axe';
import { expect, setUpDemoDesk, test } from './fixtures';

test('every screen passes axe-core with no serious or critical violation', async ({ desk }) => {
  const { page } = desk;
  const problems: string[] = [];
  await expect(page.getByRole('heading', { name: /Bem-vind/ })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Primeiro acesso')));

  await setUpDemoDesk(desk, 120, 2);
  await page.reload();
  await expect(page.getByText('Ana Souza').first()).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Início')));

  await page.getByRole('button', { name: 'Cadastro' }).click();
  await page.getByLabel('Buscar no cadastro').fill('a');
  await expect(page.getByRole('row').nth(1)).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Cadastro')));

  await page.getByRole('row').nth(1).click();
  await expect(page.getByRole('button', { name: 'Corrigir dados' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Registro')));
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await expect(page.getByRole('button', { name: 'Revisar correção' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Formulário de correção')));

  await page.getByRole('button', { name: 'Correções' }).first().click();
  await expect(page.getByRole('heading', { name: 'Correções' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Correções')));

  await page.getByRole('button', { name: 'CEPs' }).click();
  await expect(page.getByRole('heading', { name: 'CEPs' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'CEPs')));
  await page.getByRole('button', { name: 'Adicionar CEP' }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Diálogo de CEP')));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Configurações' }).click();
  await expect(page.getByRole('heading', { name: 'Configurações' })).toBeVisible();
  problems.push(...(await seriousViolations(page, 'Configurações')));

  expect(problems).toEqual([]);
});

test('the search is one shortcut away and a record one Enter away', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 120, 2);
  await page.reload();
  await page.getByRole('button', { name: 'Configurações' }).click();
  await page.keyboard.press('Control+k');
  const search = page.getByLabel('Buscar no cadastro');
  await expect(search).toBeFocused();
  const [someone] = desk.query<{ registration_number: string; name: string }>('SELECT registration_number, name FROM professionals LIMIT 1');
  await page.keyboard.type(someone?.registration_number ?? '');
  await expect(page.getByRole('row').filter({ hasText: someone?.name ?? '' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: someone?.name ?? '' })).toBeVisible();
});
