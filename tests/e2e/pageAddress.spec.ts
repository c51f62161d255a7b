// The browser keeps every address it opened in its history, where whoever uses the same browser
// profile later reads it: the address the preview's page was opened with must carry no token, and
// opened again from the history it must give no access to the desk.
import { expect, test } from './fixtures';

test('the page was opened with an address that carries no token, and that address reopened later opens nothing', async ({ desk }) => {
  const { page } = desk;
  // The address the browser opened (and so keeps in its history), not the one the page shows now.
  const opened = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).name);
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Cadastro' })).toBeVisible();
  const token = await (await page.waitForFunction(() => sessionStorage.getItem('cress-desk-token'))).jsonValue();
  expect(token).toBeTruthy();
  expect(page.url()).not.toContain(token);
  expect(opened).not.toContain(token as string);

  const later = await page.context().newPage();
  await later.goto(opened);
  await expect(later.getByText(/recusou o acesso desta janela/).first()).toBeVisible();
  // Trying the same address again cannot help: the page offers no retry, only the way out it names.
  await expect(later.getByRole('button', { name: 'Tentar novamente' })).toHaveCount(0);
  expect(await later.evaluate(() => sessionStorage.getItem('cress-desk-token'))).toBeNull();
  await later.close();
});
