// The browser preview keeps one session for all its tabs. When another clerk signs in on a second
// tab, the first tab does not go on in her name: its next step goes back to the choice of who
// works, saying who came in, and a save it was about to make writes nothing.
import { emailHalfTypedByAna, saveWithEvidence } from './correctionSteps';
import { expect, test } from './fixtures';

test('a second tab signing in as someone else sends the first tab back to the choice of who works, and its save writes nothing', async ({ desk }) => {
  await emailHalfTypedByAna(desk);
  const { page } = desk;

  // A second tab, opened with a new address of the same host, where Bia signs in.
  const token = await page.evaluate(() => sessionStorage.getItem('cress-desk-token'));
  const address = await page.evaluate(async (t) => ((await (await fetch('/api/address', { method: 'POST', headers: { 'x-cress-token': t ?? '' } })).json()) as { url: string }).url, token);
  const second = await page.context().newPage();
  await second.goto(address);
  await expect(second.getByRole('heading', { name: 'Quem está atendendo?' })).toHaveCount(0);
  await second.getByRole('button', { name: 'Trocar' }).click();
  await second.getByRole('menuitem', { name: 'Bia Lima' }).click();
  await second.getByLabel('Crie o seu PIN').fill('4321');
  await second.getByLabel('Repita o PIN').fill('4321');
  await second.getByRole('button', { name: 'Entrar' }).click();
  await expect(second.getByRole('button', { name: 'Cadastro' })).toBeVisible();

  const before = desk.query<{ n: number }>('SELECT count(*) AS n FROM corrections')[0]!.n;
  await saveWithEvidence(page, 'Pedido da profissional à Ana', 'RG');
  await expect(page.getByRole('heading', { name: 'Quem está atendendo?' })).toBeVisible();
  await expect(page.getByText('Bia Lima entrou nesta prévia em outra aba')).toBeVisible();
  expect(desk.query<{ n: number }>('SELECT count(*) AS n FROM corrections')[0]!.n).toBe(before);
  await second.close();
});
