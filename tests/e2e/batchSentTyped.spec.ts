// Marking a lote sent with what the clerk pastes or types: a time pasted with a space before it and
// a deadline with more digits than the field shows are read whole, never cut into another value.
import { join } from 'node:path';
import { allowClipboard, paste } from './clipboard';
import { expect, setUpDemoDesk, test } from './fixtures';

test('a time pasted with a space and a deadline typed too long are kept whole: the time is read, the deadline said out of range, nothing cut', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 30, 4);
  const [p] = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') LIMIT 1");
  await desk.cli('correct', p!.registration_number, '--field', 'email', '--value', 'envio@exemplo.com.br', '--reason', 'E-mail informado no balcão', '--evidence', 'RG');
  await desk.cli('batch', 'create');
  await desk.cli('batch', 'seal', '2026-0001');
  await desk.cli('batch', 'export', '2026-0001', '--out', join(desk.storePath, '..'));
  await allowClipboard(page);
  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('row', { name: 'Abrir o lote 2026-0001' }).click();
  await page.getByRole('button', { name: 'Marcar como enviado' }).click();
  const sending = page.getByRole('dialog');

  const time = sending.getByLabel('Hora', { exact: true });
  const now = await time.inputValue();
  await paste(page, time, ` ${now}`);
  await expect(time).toHaveValue(` ${now}`);
  const hours = sending.getByLabel('Prazo de resposta (horas)');
  await hours.fill('10000');
  await expect(hours).toHaveValue('10000');
  await sending.getByRole('button', { name: 'Marcar como enviado' }).click();
  await expect(sending.getByText('Informe um prazo entre 1 e 8.760 horas.')).toBeVisible();
  await expect(sending.getByText('Hora inválida: use hh:mm.')).toHaveCount(0);
  expect(desk.query('SELECT sent_at FROM batches')).toEqual([{ sent_at: null }]);

  await hours.fill('48');
  await sending.getByRole('button', { name: 'Marcar como enviado' }).click();
  await expect(page.getByText('Enviado', { exact: true })).toBeVisible();
  const [sent] = desk.query<{ sent_at: string; overdue_hours: number }>('SELECT sent_at, overdue_hours FROM batches');
  expect(sent!.overdue_hours).toBe(48);
  // The time pasted, in Brasília, as the window's clock says.
  expect(new Date(sent!.sent_at).toLocaleTimeString('pt-BR', { timeZone: 'America/Sao_Paulo', hour: '2-digit', minute: '2-digit' })).toBe(now);
});
