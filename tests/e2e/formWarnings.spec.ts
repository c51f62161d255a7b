// The correction form shows each rule where the clerk types: the worklist's soft rules as warnings
// that never block saving (a misspelt e-mail provider fixed in one click, a CEP of another UF with
// the UF moved along), the nationality as the DIP's fixed list, the address from a CEP the desk
// knows, and a review that saves only on a click.
import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { type DeskApp, expect, openRecord, type RecordRow, setUpDemoDesk, test } from './fixtures';

/** A professional whose DIP was never requested: no DIP acknowledgement in the way. */
async function openFormOfSomeone(desk: DeskApp): Promise<RecordRow> {
  await setUpDemoDesk(desk, 200, 11);
  const [who] = desk.query<RecordRow>("SELECT registration_number, name FROM professionals WHERE dip_status = 'none' AND mother_name IS NOT NULL LIMIT 1");
  const { page } = desk;
  await page.reload();
  await openRecord(page, who as RecordRow);
  await page.getByRole('button', { name: 'Corrigir dados' }).click();
  return who as RecordRow;
}

/** Types `value` into the field labelled `label` and leaves it with Tab, as a clerk moving on; answers the field. */
async function typeAndLeave(page: Page, label: string, value: string): Promise<Locator> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Tab');
  return field;
}

/** The warning said under a field, once it is on screen. */
async function warningShown(page: Page, text: string | RegExp): Promise<Locator> {
  const warning = page.getByTestId('field-warning').filter({ hasText: text });
  await expect(warning).toBeVisible();
  return warning;
}

/** Reason, document, review: the dialog, before "Salvar correção". */
async function review(page: Page, reason: string): Promise<Locator> {
  await page.getByLabel('Motivo da correção').fill(reason);
  await page.getByLabel('Documento apresentado').fill('RG');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  return page.getByRole('dialog');
}

async function save(page: Page, dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/Correção salva/)).toBeVisible();
}

function stored(desk: DeskApp, who: RecordRow) {
  return desk.query<{ email: string; city: string; nationality: string }>(
    'SELECT email, city, nationality FROM professionals WHERE registration_number = ?',
    who.registration_number,
  )[0];
}

test('a misspelt e-mail provider is offered fixed in one click, and a warning never stops the save', async ({ desk }) => {
  const who = await openFormOfSomeone(desk);
  const { page } = desk;
  const email = await typeAndLeave(page, 'E-mail', 'maria@gmial.com');
  const warning = await warningShown(page, 'Você quis dizer maria@gmail.com?');
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page, 'Formulário com aviso')).toEqual([]);
  await warning.getByRole('button', { name: 'Usar este e-mail' }).click();
  await expect(email).toHaveValue('maria@gmail.com');
  await expect(email).toBeFocused();
  await expect(page.getByTestId('field-warning')).toHaveCount(0);

  // A município the IBGE list does not have in the UF: said under the field, saved all the same.
  await typeAndLeave(page, 'Município', 'Vila das Flores do Sertão');
  await warningShown(page, 'não é um município de');
  const dialog = await review(page, 'E-mail e endereço informados pela profissional no balcão');
  await expect(dialog.getByTestId('review-warnings')).toContainText('Vila das Flores do Sertão');
  await save(page, dialog);
  await expect.poll(() => stored(desk, who)).toMatchObject({ email: 'maria@gmail.com', city: 'Vila das Flores do Sertão' });
});

test('the nationality is chosen from the DIP’s list, with the country for a foreigner', async ({ desk }) => {
  const who = await openFormOfSomeone(desk);
  const { page } = desk;
  await page.getByRole('combobox', { name: 'Nacionalidade' }).click();
  await expect(page.getByRole('option')).toHaveText(['(vazio)', 'Brasileira', 'Brasileira naturalizada', 'Estrangeira']);
  await page.getByRole('option', { name: 'Estrangeira' }).click();

  // Without the country the rule refuses the value, under the country.
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  const country = page.getByRole('textbox', { name: 'País' });
  await expect(page.getByText(/informe também o país/)).toBeVisible();
  expect(await seriousViolations(page, 'Formulário com nacionalidade estrangeira')).toEqual([]);
  await country.fill('portugal');
  const dialog = await review(page, 'Nacionalidade conforme RNM apresentado');
  await expect(dialog).toContainText('Estrangeira (Portugal)');
  await expect(dialog.getByTestId('review-warnings')).toHaveCount(0);
  await save(page, dialog);
  await expect.poll(() => stored(desk, who)?.nationality).toBe('Estrangeira (Portugal)');
});

test('a nationality stored off the DIP’s list stays shown until the clerk replaces it', async ({ desk }) => {
  const who = await openFormOfSomeone(desk);
  const { page } = desk;
  desk.exec('UPDATE professionals SET nationality = ? WHERE registration_number = ?', 'Portuguesa', who.registration_number);
  await page.getByRole('button', { name: 'Cancelar' }).click();
  await page.reload();
  await page.getByRole('button', { name: 'Cadastro' }).click();
  await page.getByLabel('Buscar no cadastro').fill(who.registration_number);
  await page.getByRole('row').filter({ hasText: who.name }).first().click();
  await page.getByRole('button', { name: 'Corrigir dados' }).click();

  const select = page.getByRole('combobox', { name: 'Nacionalidade' });
  await expect(select).toHaveText('Portuguesa (fora da lista do DIP)');
  await select.click();
  await page.getByRole('option', { name: 'Brasileira naturalizada' }).click();
  await expect(page.getByText('Atual: Portuguesa')).toBeVisible();
  await save(page, await review(page, 'Nacionalidade conforme certificado de naturalização'));
  await expect.poll(() => stored(desk, who)?.nationality).toBe('Brasileira naturalizada');
});

test('a name change whose document came over the phone is refused under the way of arrival, and passes in person', async ({ desk }) => {
  await openFormOfSomeone(desk);
  const { page } = desk;
  await typeAndLeave(page, 'Nome do pai', 'José Carlos de Souza');
  await page.getByLabel('Motivo da correção').fill('Nome do pai conforme certidão de nascimento');
  await page.getByLabel('Documento apresentado').fill('Certidão de nascimento');
  await page.getByRole('radio', { name: 'Por telefone' }).check();
  const arrival = page.getByRole('radiogroup', { name: 'Como o documento chegou' });
  const refusal = page.getByText(/só são corrigidos com o documento apresentado pessoalmente ou enviado pelos Correios/);
  await expect(refusal).toBeVisible();
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'Por telefone' })).toBeFocused();
  await arrival.getByRole('radio', { name: 'Pessoalmente' }).check();
  await expect(refusal).toHaveCount(0);
});

test('"nenhum campo foi alterado" goes with the first change, and a CEP the desk knows fills the address', async ({ desk }) => {
  await openFormOfSomeone(desk);
  const { page } = desk;
  await desk.cli('cep', 'add', '01310100', '--street', 'Avenida Paulista', '--district', 'Bela Vista', '--city', 'São Paulo', '--uf', 'SP', '--reason', 'CEP conferido nos Correios');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await expect(page.getByText('Nenhum campo foi alterado')).toBeVisible();
  await page.getByLabel('CEP', { exact: true }).fill('01310-100');
  await expect(page.getByText('Nenhum campo foi alterado')).toHaveCount(0);
  await expect(page.getByText(/Endereço preenchido pelos CEPs cadastrados/)).toBeVisible();
  await expect(page.getByLabel('Logradouro')).toHaveValue('Avenida Paulista');
  await expect(page.getByLabel('Bairro')).toHaveValue('Bela Vista');
  await expect(page.getByLabel('Município', { exact: true })).toHaveValue('São Paulo');
  await page.getByLabel('Bairro').fill('Jardim Paulista');
  await expect(page.getByLabel('Bairro')).toHaveValue('Jardim Paulista');
});

test('a CEP of another UF offers to move the UF in the same correction, and Enter in the review saves nothing', async ({ desk }) => {
  const who = await openFormOfSomeone(desk);
  const { page } = desk;
  await typeAndLeave(page, 'CEP', '20040-020');
  const warning = await warningShown(page, /O CEP 20040-020 é de RJ, e o cadastro está em SP/);
  await warning.getByRole('button', { name: 'Mudar a UF para RJ' }).click();
  await expect(page.getByRole('combobox', { name: 'UF', exact: true })).toHaveText('RJ');

  const dialog = await review(page, 'Mudou-se para o Rio de Janeiro, comprovante de residência');
  await expect(dialog.getByRole('button', { name: 'Salvar correção' })).not.toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  expect(desk.query('SELECT id FROM corrections')).toEqual([]);
  await dialog.getByRole('button', { name: 'Salvar correção' }).click();
  await expect(page.getByText(/Correção salva e adicionada à fila da Implanta/)).toBeVisible();
  expect(desk.query<{ uf: string; cep: string }>('SELECT uf, cep FROM professionals WHERE registration_number = ?', who.registration_number)[0]).toEqual({ uf: 'RJ', cep: '20040020' });
});

test('on a small screen the field in focus is never under the bars, and Revisar correção goes to the first field with an error', async ({ desk }) => {
  const { page } = desk;
  // 1280×720 at 125 %.
  await page.setViewportSize({ width: 1024, height: 576 });
  await openFormOfSomeone(desk);
  /** Where the focused element is, and the free band between the banner on top and the form's action bar below. */
  const where = () =>
    page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      const review = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Revisar correção') as HTMLElement;
      let bar: HTMLElement = review;
      while (bar.parentElement && getComputedStyle(bar).position !== 'sticky') bar = bar.parentElement;
      const banner = [...document.querySelectorAll('[role="status"]')].find((s) => s.textContent?.startsWith('Dados de demonstração')) as HTMLElement;
      const box = focused.getBoundingClientRect();
      return { inBar: bar.contains(focused), top: box.top, bottom: box.bottom, free: [banner.getBoundingClientRect().bottom, bar.getBoundingClientRect().top] };
    });
  await page.getByLabel('Nome', { exact: true }).focus();
  for (let step = 0; step < 40; step += 1) {
    await page.keyboard.press('Tab');
    const seen = await where();
    if (seen.inBar) break;
    expect(seen.top).toBeGreaterThanOrEqual(seen.free[0] as number);
    expect(seen.bottom).toBeLessThanOrEqual(seen.free[1] as number);
  }

  // Two mistakes: the name comes before the CPF on the form, so the focus goes to the name.
  await page.getByLabel('CPF', { exact: true }).fill('000.000.000-00');
  await page.getByLabel('Nome', { exact: true }).fill('Maria Aguiar 2');
  await page.getByRole('button', { name: 'Revisar correção' }).click();
  await expect(page.getByLabel('Nome', { exact: true })).toBeFocused();
  const seen = await where();
  expect(seen.top).toBeGreaterThanOrEqual(seen.free[0] as number);
});

test('an e-mail another professional already has is said when the clerk leaves the field, before saving, in the worklist’s words', async ({ desk }) => {
  const who = await openFormOfSomeone(desk);
  const { page } = desk;
  const [other] = desk.query<{ email: string }>(
    'SELECT email FROM professionals WHERE email IS NOT NULL AND registration_number <> ? AND email NOT IN (SELECT email FROM professionals WHERE registration_number = ? AND email IS NOT NULL) LIMIT 1',
    who.registration_number,
    who.registration_number,
  );
  const taken = (other as { email: string }).email;
  // Typed as a clerk would copy it: capitals and a space do not hide the address.
  await typeAndLeave(page, 'E-mail', ` ${taken.toUpperCase()}`);
  await warningShown(page, `O e-mail ${taken} também está no cadastro de outra/o profissional: cada pessoa precisa do seu para receber a senha.`);
  expect(desk.query('SELECT id FROM corrections')).toEqual([]);
  const dialog = await review(page, 'E-mail informado pela profissional no balcão');
  await expect(dialog.getByTestId('review-warnings')).toContainText('também está no cadastro de outra/o profissional');
  await dialog.getByRole('button', { name: 'Voltar e editar' }).click();

  // An address nobody else has: no warning.
  await typeAndLeave(page, 'E-mail', 'so.dela.mesmo@exemplo.com.br');
  await expect(page.getByTestId('field-warning')).toHaveCount(0);
});
