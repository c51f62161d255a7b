// A PIN pasted from a note or a password manager reaches the field whole: one digit too many, or
// spaces between the groups, is said too long and waits — never cut to 8 characters, which would
// make another PIN without a word (a desk started with a PIN nobody chose, an attempt spent).
import { allowClipboard, paste } from './clipboard';
import { expect, fillFirstRun, test } from './fixtures';

test('a PIN pasted one digit too long at the first run is kept whole and said too long; the desk does not start with a cut PIN', async ({ desk }) => {
  const { page } = desk;
  await allowClipboard(page);
  await fillFirstRun(page);
  const pin = page.getByLabel('PIN do operador');
  const repeat = page.getByLabel('Repita o PIN');
  await paste(page, pin, '2468 1357 9');
  await paste(page, repeat, '2468 1357 9');
  await expect(pin).toHaveValue('246813579');
  await expect(repeat).toHaveValue('246813579');
  await expect(page.getByText('PIN muito longo: no máximo 8 algarismos (tem 9).').first()).toBeVisible();
  await page.getByRole('button', { name: 'Começar' }).click();
  await expect(page.getByText('PIN muito longo: no máximo 8 algarismos (tem 9).').first()).toBeVisible();
  await expect(pin).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: 'Quem está atendendo?' })).toHaveCount(0);
  await expect(page.getByText('Operador: Ana Souza')).toHaveCount(0);
});

test('a PIN pasted too long at the sign-in is said too long and spends no attempt', async ({ desk }) => {
  const { page } = desk;
  await allowClipboard(page);
  await fillFirstRun(page, { pin: '2468' });
  await page.getByRole('button', { name: 'Começar' }).click();
  await expect(page.getByText('Operador: Ana Souza')).toBeVisible();
  await page.getByRole('button', { name: 'Trocar' }).click();
  const pin = page.getByLabel('PIN de Ana Souza');
  await paste(page, pin, '1234 5678 90');
  await expect(pin).toHaveValue('1234567890');
  await expect(page.getByText('PIN muito longo: no máximo 8 algarismos (tem 10).')).toBeVisible();
  await pin.press('Enter');
  await expect(page.getByRole('alert')).toContainText('O PIN tem de 4 a 8 algarismos.');
  await expect(page.getByRole('alert')).not.toContainText('PIN incorreto');
});
