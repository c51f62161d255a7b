// Finding fast with the keyboard: the CRESS typed by its number on the first screen, a CPF found by
// the part the clerk has, F3 that replaces the last search, the arrows into the results, and Back
// to the screen before.
import { expect, setUpDemoDesk, test } from './fixtures';

test('typing "CRESS 9" and Enter picks the 9ª Região on the first screen', async ({ desk }) => {
  const { page } = desk;
  const field = page.getByRole('combobox', { name: 'CRESS' });
  await field.click();
  await field.pressSequentially('CRESS 9');
  await expect(page.getByRole('option').first()).toHaveText('CRESS 9ª Região (SP)');
  await field.press('Enter');
  await expect(field).toHaveValue('CRESS 9ª Região (SP)');
  await field.fill('ma');
  await expect(page.getByRole('option')).toHaveText(['CRESS 2ª Região (MA)']);
});

test('a CPF is found by its first nine digits or by the digits the list shows', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 300, 5);
  const person = JSON.parse((await desk.cli('--json', 'registry', 'search', 'a')).stdout).items[0] as { name: string; cpfMasked: string; registrationNumber: string };
  const { cpf } = JSON.parse((await desk.cli('--json', 'registry', 'show', person.registrationNumber)).stdout) as { cpf: string };
  await page.reload();
  await page.getByRole('button', { name: 'Cadastro' }).click();
  const search = page.getByLabel('Buscar no cadastro');
  for (const typed of [`${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}`, person.cpfMasked]) {
    await search.fill(typed);
    await expect(page.getByRole('row').filter({ hasText: person.name }).first()).toBeVisible();
  }
});

test('F3 selects the last search, the arrows walk the results, and Back returns to the screen before', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 300, 5);
  await page.reload();
  await page.getByRole('button', { name: 'Cadastro' }).click();
  const search = page.getByLabel('Buscar no cadastro');
  await search.fill('maria');
  const rows = page.locator('#registry-results tbody tr');
  await expect(rows.first()).toBeVisible();

  await page.getByRole('button', { name: 'Início' }).click();
  await page.keyboard.press('F3');
  await expect(search).toBeFocused();
  // The list answers the new search before the arrows walk it.
  const answered = page.waitForResponse((response) => /"text":"ana"/.test(response.request().postData() ?? ''));
  await page.keyboard.type('ana');
  await expect(search).toHaveValue('ana');
  await answered;
  await expect(rows.first()).toHaveAttribute('aria-label', /\bana/i);

  await search.press('ArrowDown');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(search).toBeFocused();

  await search.press('ArrowDown');
  await expect(rows.first()).toBeFocused();
  const name = (await rows.first().getAttribute('aria-label')) ?? '';
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/profissional\/\d+$/);
  // The keyboard lands on the record opened (its name), not on the page's body.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Registrar atendimento' })).toBeFocused();
  await page.goBack();
  await expect(page).toHaveURL(/#\/cadastro$/);
  await expect(search).toBeVisible();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(page).toHaveURL(/#\/profissional\/\d+$/);
  expect(name).not.toBe('');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page).toHaveURL(/#\/cadastro$/);
});
