// The rules a clerk meets at the counter: the mother's name (seed case F), the DIP consequence
// (case G), the council's CEP directory (case E), and two windows editing the same record.
import type { Page } from '@playwright/test';
import { fillNewCep } from './cepDialog';
import { type DeskApp, expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';

async function deskWithDemo(desk: DeskApp): Promise<void> {
  await setUpDemoDesk(desk, 400, 5);
  await desk.page.reload();
}

/** Sets up the demo desk and opens the first record `where` chooses; answers it. */
async function openFirstRecord(desk: DeskApp, where: string): Promise<RecordRow> {
  await deskWithDemo(desk);
  const [who] = desk.query<RecordRow>(`SELECT registration_number, name FROM professionals WHERE ${where} LIMIT 1`);
  await openRecord(desk.page, who as RecordRow);
  return who as RecordRow;
}

async function fillEvidence(page: Page, reason: string): Promise<void> {
  await page.getByLabel('Motivo da correção').fill(reason);
  await page.getByLabel('Documento apresentado').fill('RG');
}

test('a record missing the mother is completed with “Não consta mãe”', async ({ desk }) => {
  const who = await openFirstRecord(desk, "mother_name IS NULL AND mother_not_listed = 0 AND dip_status IN ('none','requested')");
  const { page } = desk;
  await expect(page.getByTestId('pendency-note').filter({ hasText: /um dos dois é obrigatório/ })).toBeVisible();
  await page.getByRole('button', { name: 'Corrigir dados' }).click();

  // An unrelated change is saved all the same (case D does not wait on case F); the pendência is said.
  await expect(page.getByTestId('form-pendencies')).toContainText('um dos dois é obrigatório');
  await page.getByLabel('E-mail', { exact: true }).fill('contato.novo@exemplo.com.br');
  await fillEvidence(page, 'RG apresentado no balcão');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/Correção salva/)).toBeVisible();
  await expect(page.getByTestId('pendency-note').filter({ hasText: /um dos dois é obrigatório/ })).toBeVisible();

  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByRole('radio', { name: 'Não consta mãe' }).check();
  await fillEvidence(page, 'RG sem filiação materna');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Salvar correção' }).click();
  // The first save's confirmation may still be on screen: wait for the form to close on the saved record.
  await expect(page.getByRole('button', { name: 'Corrigir dados' })).toBeVisible();
  await expect(page.getByText('Não consta mãe', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('pendency-note')).toHaveCount(0);

  const stored = () =>
    desk.query<{ mother_not_listed: number; mother_name: string | null; email: string }>(
      'SELECT mother_not_listed, mother_name, email FROM professionals WHERE registration_number = ?',
      who.registration_number,
    )[0];
  await expect.poll(stored).toEqual({ mother_not_listed: 1, mother_name: null, email: 'contato.novo@exemplo.com.br' });
});

test('a DIP already in manufacture is named before saving and must be acknowledged', async ({ desk }) => {
  const who = await openFirstRecord(desk, "dip_status = 'in_manufacture' AND mother_name IS NOT NULL");
  const { page } = desk;
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByRole('textbox', { name: 'Nome da mãe' }).fill('Josefa Aparecida dos Santos');
  // Said on the form as soon as the mother changes, before any review.
  await expect(page.getByTestId('form-dip-notice')).toContainText('o cartão não poderá ser corrigido');
  await fillEvidence(page, 'Certidão de nascimento apresentada');
  await page.getByRole('button', { name: 'Revisar correção' }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('o cartão não poderá ser corrigido');
  const save = dialog.getByRole('button', { name: 'Salvar correção' });
  await expect(save).toBeDisabled();
  await dialog.getByLabel('Entendi a consequência para o DIP').check();
  await save.click();
  await expect(page.getByText(/Correção salva/)).toBeVisible();

  const [correction] = desk.query<{ dip_consequence: string; new_value: string }>(
    "SELECT c.dip_consequence, c.new_value FROM corrections c JOIN professionals p ON p.id = c.professional_id WHERE p.registration_number = ? AND c.field = 'mother'",
    who.registration_number,
  );
  expect(correction).toEqual({
    dip_consequence: 'new_card_required',
    new_value: JSON.stringify({ motherName: 'Josefa Aparecida dos Santos', motherNotListed: false }),
  });
});

test('a name change on a DIP only requested warns at once not to confirm the request, and the council capitalisation is one click', async ({ desk }) => {
  await openFirstRecord(desk, "dip_status = 'requested'");
  const { page } = desk;
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill('aviso.dip@exemplo.com.br');
  await expect(page.getByTestId('form-dip-notice')).toHaveCount(0);

  const name = page.getByLabel('Nome', { exact: true });
  await name.fill('MARIA DAS DORES DE OLIVEIRA');
  await expect(page.getByTestId('form-dip-notice')).toContainText('não confirmar a solicitação do DIP até a correção ser sincronizada');
  await page.getByRole('button', { name: 'Usar as maiúsculas do conselho: Maria das Dores de Oliveira' }).click();
  await expect(name).toHaveValue('Maria das Dores de Oliveira');
});

test('the council adds a CEP the Correios ranges put in another state only after fixing the UF', async ({ desk }) => {
  await deskWithDemo(desk);
  const { page } = desk;
  await page.getByRole('button', { name: 'CEPs' }).click();
  // Nothing searched yet: the empty directory teaches what fills it, without saying a CEP was not found.
  await expect(page.getByText(/^Nenhum CEP cadastrado pelo Regional ainda/)).toBeVisible();
  await expect(page.getByText(/não localizado/)).toHaveCount(0);
  const dialog = await fillNewCep(page, '20040-020');
  await dialog.getByRole('button', { name: 'Salvar CEP' }).click();
  await expect(dialog.getByText(/é da faixa de RJ/)).toBeVisible();

  await dialog.getByLabel('CEP', { exact: true }).fill('01999-001');
  await dialog.getByRole('button', { name: 'Salvar CEP' }).click();
  await expect(page.getByText(/CEP 01999-001 cadastrado/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: '01999-001' })).toContainText('Pendente');
  expect(desk.query("SELECT status FROM cep_changes WHERE cep = '01999001'")).toEqual([{ status: 'pending' }]);
});

test('a record changed elsewhere while the clerk edits is never silently overwritten', async ({ desk }) => {
  const who = await openFirstRecord(desk, "dip_status IN ('none','requested') AND mother_name IS NOT NULL");
  const { page } = desk;
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  await page.getByLabel('E-mail', { exact: true }).fill('da.janela@exemplo.com.br');
  await fillEvidence(page, 'Pedido feito no balcão');

  const other = await desk.cli('correct', who.registration_number, '--field', 'phone', '--value', '(11) 98888-7777', '--reason', 'Pedido por telefone');
  expect(other.code).toBe(0);

  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/alterado em outro lugar/)).toBeVisible();
  const [stored] = desk.query<{ email: string; phone: string }>('SELECT email, phone FROM professionals WHERE registration_number = ?', who.registration_number);
  expect(stored?.phone).toBe('11988887777');
  expect(stored?.email).not.toBe('da.janela@exemplo.com.br');
});
