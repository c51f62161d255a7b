// The DIP's paper side as the clerk records it on a record: the signed form arrives by post, the
// 3×4 photo and the payment receipt at the counter; the missing ones are listed until all three
// are in, then the record says "Documentos completos". An arrival recorded by mistake is undone.
import { seriousViolations } from './axe';
import { expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';

test('the clerk records the three DIP documents on a record and sees "Documentos completos"', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 40, 11);
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'requested' ORDER BY id LIMIT 1");
  expect(who).toBeDefined();
  await page.reload();

  await openRecord(page, who!);

  const section = page.getByRole('region', { name: 'DIP — documentos' });
  const summary = section.getByTestId('dip-paper-summary');
  await expect(summary).toHaveText('Faltam: Formulário assinado, Foto 3×4, Comprovante de pagamento');

  // The signed form came by post: the date typed as on the envelope.
  await section.getByRole('button', { name: 'Registrar chegada: Formulário assinado' }).click();
  let dialog = page.getByRole('dialog', { name: 'Registrar chegada — Formulário assinado' });
  await dialog.getByLabel('Data de chegada').fill('01/12/2026');
  await dialog.getByRole('radio', { name: 'Correios' }).check();
  await dialog.getByRole('button', { name: 'Registrar chegada' }).click();
  await expect(dialog).toBeHidden();
  await expect(section.getByTestId('dip-paper-form')).toContainText('Chegou em 01/12/2026 · Correios');
  await expect(section.getByTestId('dip-paper-form')).toContainText('registrado por Ana Souza');
  await expect(summary).toHaveText('Faltam: Foto 3×4, Comprovante de pagamento');

  // A date after today is refused under the field, and nothing is recorded.
  await section.getByRole('button', { name: 'Registrar chegada: Foto 3×4' }).click();
  dialog = page.getByRole('dialog', { name: 'Registrar chegada — Foto 3×4' });
  await dialog.getByLabel('Data de chegada').fill('01/01/2099');
  await dialog.getByRole('button', { name: 'Registrar chegada' }).click();
  await expect(dialog).toContainText('A data de chegada não pode ser depois de hoje.');
  expect((await seriousViolations(page, 'Registrar chegada'))).toEqual([]);

  // The photo handed in at the counter on 02/12, the receipt on the day the dialog proposes (today).
  await dialog.getByLabel('Data de chegada').fill('02/12/2026');
  await dialog.getByRole('radio', { name: 'Pessoalmente' }).check();
  await dialog.getByRole('button', { name: 'Registrar chegada' }).click();
  await expect(dialog).toBeHidden();
  await section.getByRole('button', { name: 'Registrar chegada: Comprovante de pagamento' }).click();
  dialog = page.getByRole('dialog', { name: 'Registrar chegada — Comprovante de pagamento' });
  await dialog.getByRole('radio', { name: 'Pessoalmente' }).check();
  await dialog.getByRole('button', { name: 'Registrar chegada' }).click();
  await expect(dialog).toBeHidden();

  await expect(summary).toContainText('Documentos completos');
  await expect(section.getByTestId('dip-paper-photo')).toContainText('Chegou em 02/12/2026 · Pessoalmente');
  expect((await seriousViolations(page, 'DIP — documentos'))).toEqual([]);

  // The photo was recorded on the wrong record's envelope: undone, it is missing again.
  await section.getByRole('button', { name: 'Desfazer chegada: Foto 3×4' }).click();
  dialog = page.getByRole('dialog', { name: 'Desfazer chegada — Foto 3×4' });
  await expect(dialog).toContainText('02/12/2026');
  await dialog.getByRole('button', { name: 'Desfazer chegada' }).click();
  await expect(dialog).toBeHidden();
  await expect(summary).toHaveText('Faltam: Foto 3×4');
  await expect(section.getByTestId('dip-paper-photo')).toContainText('Não chegou');

  // The record's history says what happened, in Portuguese.
  await page.getByRole('tab', { name: /Histórico/ }).click();
  await expect(page.getByText('DIP: chegada desfeita — Foto 3×4 (02/12/2026)')).toBeVisible();
});
