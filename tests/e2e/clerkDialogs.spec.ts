// Dialogs as a clerk at a council's screen meets them: a long correction review keeps its title and
// "Salvar correção" in view (only its content scrolls); Enter confirms a reason (Shift+Enter starts a
// new line) and an arrival of a DIP document; the queue shows Implanta's reason for a rejection in
// the row, not only on hover; after Implanta's answer is applied, the dialog closes with "Fechar".
import type { Locator, Page } from '@playwright/test';
import { cancelDialogOfCorrection } from './correctionSteps';
import { expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';
import { chooseAnswerInWindow, correctEmail, implantaAnswer, implantaAnswers, seed, sendBatch, somebody } from './threeCopiesSteps';

/** Whether the box of `locator` lies wholly inside the window. */
async function inWindow(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  return box !== null && size !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

for (const [width, height] of [
  [1366, 768],
  [1024, 700],
] as const) {
  test(`a long correction review keeps its title and “Salvar correção” in view at ${width}×${height}; only its content scrolls`, async ({ desk }) => {
    const { page } = desk;
    await page.setViewportSize({ width, height });
    await setUpDemoDesk(desk, 20, 4);
    const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'none' AND email IS NOT NULL ORDER BY id LIMIT 1");
    await page.reload();
    await openRecord(page, who!);
    await page.getByRole('button', { name: 'Corrigir dados' }).click();
    await page.getByLabel('E-mail', { exact: true }).fill('nova.caixa@exemplo.com.br');
    // A reason of many short lines (a list pasted from the professional's letter): taller than the window.
    await page.getByLabel('Motivo da correção').fill(Array.from({ length: 30 }, (_, i) => `Item ${i + 1}.`).join('\n'));
    await page.getByLabel('Documento apresentado').fill('Carta assinada');
    await page.getByRole('button', { name: 'Revisar correção' }).click();

    const review = page.getByRole('dialog', { name: 'Revisar correção' });
    const content = review.locator('.MuiDialogContent-root');
    await expect(content).toContainText('Item 30.');
    const save = review.getByRole('button', { name: 'Salvar correção' });
    expect(await inWindow(page, review.getByRole('heading', { name: 'Revisar correção' })), 'the title').toBe(true);
    expect(await inWindow(page, save), 'Salvar correção').toBe(true);
    // The content scrolls inside the dialog; the dialog itself (its paper) does not.
    expect(await content.evaluate((e) => e.scrollHeight > e.clientHeight + 1)).toBe(true);
    expect(await review.evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);

    await save.click();
    await expect(review).toBeHidden();
    await expect(page.getByText(/Correção salva/)).toBeVisible();
  });
}

test('Enter confirms “Cancelar correção”; Shift+Enter starts a new line of the reason', async ({ desk }) => {
  const dialog = await cancelDialogOfCorrection(desk, 'nova.pessoa@example.com.br');
  await expect(dialog).toContainText('Escreva o motivo');
  const reason = dialog.getByRole('textbox');
  await reason.pressSequentially('Digitado no cadastro errado');
  await reason.press('Shift+Enter');
  await reason.pressSequentially('pela colega do balcão');
  await expect(reason).toHaveValue('Digitado no cadastro errado\npela colega do balcão');
  await expect(dialog).toContainText('Enter confirma; Shift+Enter começa uma nova linha.');
  await reason.press('Enter');
  await expect(dialog).toBeHidden();
  expect(desk.query<{ status: string }>("SELECT status FROM corrections WHERE new_value = 'nova.pessoa@example.com.br'")).toEqual([{ status: 'cancelled' }]);
});

test('Enter in the date of “Registrar chegada” records the arrival', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 40, 11);
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'requested' ORDER BY id LIMIT 1");
  await page.reload();
  await openRecord(page, who!);
  const section = page.getByRole('region', { name: 'DIP — documentos' });
  await section.getByRole('button', { name: 'Registrar chegada: Formulário assinado' }).click();
  const dialog = page.getByRole('dialog', { name: 'Registrar chegada — Formulário assinado' });
  await dialog.getByRole('radio', { name: 'Correios' }).check();
  const date = dialog.getByLabel('Data de chegada');
  await date.fill('01/12/2026');
  await date.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(section.getByTestId('dip-paper-form')).toContainText('Chegou em 01/12/2026 · Correios');
});

test('“Rejeitadas a tratar” shows Implanta’s reason in the row, readable without a mouse', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  await correctEmail(desk, who, 'caixa.inexistente@exemplo.com.br');
  const batch = await sendBatch(desk);
  await implantaAnswers(desk, batch, { status: 'rejected', message: 'Caixa postal inexistente no provedor' });
  const { page } = desk;
  await page.reload();
  await page.getByRole('button', { name: 'Correções', exact: true }).click();
  await page.getByRole('button', { name: 'Rejeitadas a tratar' }).click();
  const row = page.getByRole('table', { name: 'Fila de correções' }).getByRole('row').filter({ hasText: who.name });
  const reason = row.getByTestId('queue-status-message');
  await expect(reason).toBeVisible();
  await expect(reason).toHaveText('Caixa postal inexistente no provedor');
  // Reached by the keyboard, the whole reason shows in its tooltip.
  await reason.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(reason).toBeFocused();
  await expect(page.getByRole('tooltip')).toHaveText('Caixa postal inexistente no provedor');
});

test('once Implanta’s answer is applied, the dialog shows the result with “Fechar” first and no file to choose', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  await correctEmail(desk, who, 'caixa.inexistente@exemplo.com.br');
  const batch = await sendBatch(desk);
  const importing = await chooseAnswerInWindow(desk, implantaAnswer(desk, batch, { status: 'rejected', message: 'Caixa postal inexistente no provedor' }));
  await expect(importing.getByRole('status')).toContainText('1 correção passa a rejeitada');
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  const done = importing.getByRole('status').filter({ hasText: `Confirmação do lote ${batch.number} importada` });
  await expect(done).toContainText('0 correções aplicadas · 1 correção rejeitada · 0 correções ainda sem resposta');
  const close = importing.getByRole('button', { name: 'Fechar' });
  await expect(close).toBeFocused();
  await expect(close).toHaveClass(/MuiButton-contained/);
  await expect(importing.getByRole('button', { name: 'Escolher arquivo…' })).toHaveCount(0);
  await expect(importing).not.toContainText('Escolha o arquivo que a Implanta devolveu');
  await close.click();
  await expect(importing).toBeHidden();
});
