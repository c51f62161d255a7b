// A desk holding demo professionals says so on every screen, so nobody serves a real person from
// synthetic data; a desk without them shows no such banner.
import { DESK_PIN, expect, setUpDemoDesk, test } from './fixtures';

const BANNER = 'Dados de demonstração — não use para atender profissionais';

test('a desk without demo records shows no demo banner', async ({ desk }) => {
  const { page } = desk;
  await page.setViewportSize({ width: 1024, height: 700 });
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await expect(page.getByText('Ana Souza').first()).toBeVisible();
  await page.getByRole('button', { name: 'Cadastro' }).click();
  await expect(page.getByRole('status').filter({ hasText: BANNER })).toHaveCount(0);
});

test('after cress-desk demo every screen shows the demo banner at 1024×700', async ({ desk }) => {
  const { page } = desk;
  await page.setViewportSize({ width: 1024, height: 700 });
  await setUpDemoDesk(desk, 50, 3);
  await page.reload();
  const banner = page.getByRole('status').filter({ hasText: BANNER });
  await expect(banner).toBeInViewport();
  // The choice of who is at the counter, before any screen, says so too.
  await page.getByRole('button', { name: 'Trocar' }).click();
  await expect(page.getByRole('heading', { name: 'Quem está atendendo?' })).toBeVisible();
  await expect(banner).toBeInViewport();
  await page.getByLabel('PIN de Ana Souza').fill(DESK_PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Operador: Ana Souza')).toBeVisible();
  for (const screen of ['Cadastro', 'Correções', 'Importar', 'Lotes', 'CEPs', 'Backups', 'Configurações']) {
    await page.getByRole('button', { name: screen, exact: true }).click();
    await expect(banner, screen).toBeInViewport();
  }
});
