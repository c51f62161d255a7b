// A correction half typed by one operator is never signed by the next: Trocar asks before
// discarding it, and whoever comes in after a session that ended opens the record as it is.
import { emailHalfTypedByAna } from './correctionSteps';
import { expect, openRecord, test } from './fixtures';

test('Trocar with a correction half typed asks, and the next operator does not find it in the form', async ({ desk }) => {
  const who = await emailHalfTypedByAna(desk);
  const { page } = desk;
  await page.getByLabel('Motivo da correção').fill('Pedido da profissional à Ana');

  await page.getByRole('button', { name: 'Trocar' }).click();
  const question = page.getByRole('dialog', { name: 'Trocar de operador?' });
  await expect(question).toContainText('1 correção não salva será descartada');
  await question.getByRole('button', { name: 'Continuar editando' }).click();
  await expect(question).toBeHidden();
  await expect(page.getByLabel('E-mail', { exact: true })).toHaveValue('digitado.pela.ana@exemplo.com.br');

  await page.getByRole('button', { name: 'Trocar' }).click();
  await question.getByRole('button', { name: 'Descartar e trocar' }).click();
  await expect(page.getByRole('heading', { name: 'Quem está atendendo?' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Bia Lima' }).click();
  await page.getByLabel('Crie o seu PIN').fill('4321');
  await page.getByLabel('Repita o PIN').fill('4321');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await openRecord(page, who);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await expect(page.getByLabel('E-mail', { exact: true })).toHaveValue(who.email);
  await expect(page.getByLabel('Motivo da correção')).toHaveValue('');
});
