// Every screen passes an automated accessibility check (axe-core) with no serious or critical
// violation, and the main flow can be done with the keyboard alone.
import type { Locator } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, setUpDemoDesk, test } from './fixtures';

test('every screen passes axe-core with no serious or critical violation', async ({ desk }) => {
  const { page } = desk;
  const problems: string[] = [];
  /** Once `shown` is on screen, checks the screen `name` and keeps its violations. */
  const checkScreen = async (name: string, shown: Locator) => {
    await expect(shown).toBeVisible();
    problems.push(...(await seriousViolations(page, name)));
  };
  await checkScreen('Primeiro acesso', page.getByRole('heading', { name: /Bem-vind/ }));

  await setUpDemoDesk(desk, 120, 2);
  await page.reload();
  await checkScreen('Início', page.getByText('Ana Souza').first());

  await page.getByRole('button', { name: 'Cadastro' }).click();
  await page.getByLabel('Buscar no cadastro').fill('a');
  await checkScreen('Cadastro', page.getByRole('row').nth(1));

  await page.getByRole('row').nth(1).click();
  await checkScreen('Registro', page.getByRole('button', { name: 'Corrigir dados' }));
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await checkScreen('Formulário de correção', page.getByRole('button', { name: 'Revisar correção' }));

  await page.getByRole('button', { name: 'Correções' }).first().click();
  await checkScreen('Correções', page.getByRole('heading', { name: 'Correções' }));

  await page.getByRole('button', { name: 'CEPs' }).click();
  await checkScreen('CEPs', page.getByRole('heading', { name: 'CEPs' }));
  await page.getByRole('button', { name: 'Adicionar CEP' }).first().click();
  await checkScreen('Diálogo de CEP', page.getByRole('dialog'));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('button', { name: 'Configurações' }).click();
  await checkScreen('Configurações', page.getByRole('heading', { name: 'Configurações' }));

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
