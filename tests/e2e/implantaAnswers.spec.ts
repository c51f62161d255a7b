// Implanta's answer as a clerk meets it: a rejection shown on the record and closed by "Corrigir de
// novo" (or changed after it by the main system), the refused value saved again, a rejection while a
// later correction of the field is in a sealed lote, and two lotes of one field answered out of order.
import { saveWithEvidence } from './correctionSteps';
import { expect, openRecord, test } from './fixtures';
import { shot } from './guideShot';
import { chooseAnswerInWindow, correctEmail, implantaAnswer, implantaAnswers, mainSystemLoads, picture, seed, sendBatch, somebody, twoLotesOfOneEmail } from './threeCopiesSteps';

test('a rejection shows Implanta’s value and message on the record and closes with “Corrigir de novo”', async ({ desk }, testInfo) => {
  await seed(desk);
  const who = somebody(desk);
  await correctEmail(desk, who, 'caixa.inexistente@exemplo.com.br');
  const batch = await sendBatch(desk);
  await implantaAnswers(desk, batch, { status: 'rejected', message: 'Caixa postal inexistente no provedor' });

  const { page } = desk;
  await page.reload();
  await expect(page.getByTestId('home-rejected')).toContainText('1 correção foi rejeitada');
  await openRecord(page, who);
  const note = page.getByTestId('rejection-note');
  await expect(note).toContainText('caixa.inexistente@exemplo.com.br');
  await expect(note).toContainText('Caixa postal inexistente no provedor');
  await expect(page.getByTestId('record-summary')).toContainText('1 correção rejeitada pela Implanta');
  await note.scrollIntoViewIfNeeded();
  if (testInfo.project.name === 'browser') await shot(page, '12-registro-rejeicao');

  await note.getByRole('button', { name: 'Corrigir de novo' }).click();
  const email = page.getByLabel('E-mail', { exact: true });
  await expect(email).toHaveValue('caixa.inexistente@exemplo.com.br');
  await email.fill('caixa.certa@exemplo.com.br');
  await saveWithEvidence(page, 'Profissional conferiu o e-mail', 'Declaração');
  await expect(page.getByText(/Correção salva/)).toBeVisible();
  await expect(page.getByTestId('rejection-note')).toHaveCount(0);

  await page.getByRole('button', { name: 'Início' }).click();
  await expect(page.getByTestId('home-rejected')).toContainText('Nenhuma correção rejeitada');
});

test('“Corrigir de novo” keeping the value Implanta refused: the review says Implanta refused it, with its message, before the save', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  await correctEmail(desk, who, 'caixa.inexistente@exemplo.com.br');
  await implantaAnswers(desk, await sendBatch(desk), { status: 'rejected', message: 'Caixa postal inexistente no provedor' });

  const { page } = desk;
  await page.reload();
  await openRecord(page, who);
  await page.getByTestId('rejection-note').getByRole('button', { name: 'Corrigir de novo' }).click();
  await expect(page.getByLabel('E-mail', { exact: true })).toHaveValue('caixa.inexistente@exemplo.com.br');
  await page.getByLabel('Motivo da correção').fill('Profissional confirmou o e-mail');
  await page.getByLabel('Documento apresentado').fill('Declaração');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  const review = page.getByRole('dialog');
  await expect(review.getByTestId('review-warnings')).toContainText(
    'A Implanta já recusou este mesmo valor de “E-mail” no lote 2026-0001: “Caixa postal inexistente no provedor”. A correção vai de novo para a Implanta',
  );
  // A warning, not a refusal: the clerk may know the reason was settled with Implanta.
  await review.getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/Correção salva/)).toBeVisible();
  expect(desk.query("SELECT count(*) AS n FROM corrections WHERE status = 'pending' AND new_value = 'caixa.inexistente@exemplo.com.br'")).toEqual([{ n: 1 }]);
});

test('a rejection note says what the record holds when the main system changed the field after the rejection', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk, "email IS NOT NULL AND dip_status IN ('none', 'requested')");
  await correctEmail(desk, who, 'recusado@exemplo.com.br');
  const batch = await sendBatch(desk);
  await implantaAnswers(desk, batch, { status: 'rejected', message: 'E-mail recusado' });
  await mainSystemLoads(desk, who, 'do.sistema@exemplo.com.br');

  const { page } = desk;
  await page.reload();
  await openRecord(page, who);
  const note = page.getByTestId('rejection-note');
  await expect(note).toContainText('Rejeitado pela Implanta: “recusado@exemplo.com.br”. O campo mudou depois e o cadastro está com “do.sistema@exemplo.com.br”.');
  await note.scrollIntoViewIfNeeded();
  await picture(page, 'rejeicao-campo-mudou');
});

test('a rejection while a later correction of the field is in a sealed lote: the answer names that lote and the old value it carries', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk, "email IS NOT NULL AND dip_status IN ('none', 'requested')");
  const before = who.email;
  const { older } = await twoLotesOfOneEmail(desk, who);

  const importing = await chooseAnswerInWindow(desk, implantaAnswer(desk, older, { status: 'rejected' }));
  const preview = importing.getByRole('status').filter({ hasText: 'Antes de aplicar: o que a confirmação muda no lote 2026-0001' });
  await expect(preview).toContainText('1 correção de um lote já lacrado parte de um valor que a Implanta acabou de recusar');
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  const done = importing.getByRole('status').filter({ hasText: 'Confirmação do lote 2026-0001 importada' });
  await expect(done).toContainText(
    `${who.name} (registro ${who.registration_number}), E-mail: o lote 2026-0002 leva “primeira.caixa@exemplo.com.br” → “segunda.caixa@exemplo.com.br”; a Implanta tem “${before}”`,
  );
});

test('an older lote answered as applied after a newer one of the same field: the desk keeps the newer value and says Implanta may hold the older', async ({ desk }) => {
  await seed(desk);
  const who = somebody(desk);
  const { older, newer } = await twoLotesOfOneEmail(desk, who);
  await implantaAnswers(desk, newer, { status: 'applied' });

  const { page } = desk;
  const importing = await chooseAnswerInWindow(desk, implantaAnswer(desk, older, { status: 'applied' }));
  const preview = importing.getByRole('status').filter({ hasText: 'Antes de aplicar: o que a confirmação muda no lote 2026-0001' });
  await expect(preview).toContainText('1 correção mais antiga chega como aplicada depois da mais nova do mesmo campo');
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  const done = importing.getByRole('status').filter({ hasText: 'Confirmação do lote 2026-0001 importada' });
  await expect(done).toContainText('confirme com a Implanta qual valor ficou');
  await expect(done).toContainText(`${who.name} (registro ${who.registration_number}), E-mail: “primeira.caixa@exemplo.com.br” respondida depois de “segunda.caixa@exemplo.com.br” (lote 2026-0002)`);
  await picture(page, 'confirmacao-fora-de-ordem');
  await importing.getByRole('button', { name: 'Fechar' }).click();

  await openRecord(page, who);
  await expect(page.getByRole('main')).toContainText('segunda.caixa@exemplo.com.br');
  await page.getByRole('tab', { name: /Histórico/ }).click();
  await expect(page.getByRole('main')).toContainText('A Implanta respondeu esta correção depois da mais nova (lote 2026-0002, “segunda.caixa@exemplo.com.br”)');
  await picture(page, 'historico-fora-de-ordem');
});
