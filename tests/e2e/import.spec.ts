// Importar from start to end, as the clerk does it: choose a spreadsheet, pick the sheet and kind,
// check the columns, look at the rows with errors, write, download the error report, fix it, import
// the report, and undo an import from the history.
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from 'xlsx';
import { seriousViolations } from './axe';
import { type DeskApp, expect, test } from './fixtures';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'imports');

/** The council's registry the fixture corrections talk about, loaded the way a desk starts: a registry import. */
const REGISTRY = [
  'Registro;CPF;Nome;Nome da mãe;Estado civil;Data de nascimento;E-mail;CEP;Logradouro;Número;Bairro;Município;UF;Situação do DIP',
  '10001;01234567890;Ana Paula Ferreira;Antônia Ferreira;Solteira;17/05/1980;ana.ferreira@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado',
  '10002;09876543229;Bruna Oliveira Santos;Cláudia Oliveira;Solteira;17/05/1980;bruna@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado',
  '10003;52998224725;Carla Souza;Antônia Souza;Solteira;17/05/1980;carla@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Confirmado',
  '10004;11144477735;Daniela Lima;Maria Lima;Solteira;17/05/1980;daniela@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Em confecção',
  '10006;31415926590;Fernanda Rocha;Antônia Rocha;Solteira;17/05/1980;fernanda@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado',
  '10007;27182818205;Gabriela Martins;Regina Martins;Solteira;17/05/1980;gabriela.martins@gmail.com;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado',
  '10008;14142135651;Helena Barbosa;Antônia Barbosa;Solteira;17/05/1980;helena@gmail.com;04538132;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado',
];

/** Writes `lines` as a CSV file beside the store, as Excel saves it (CRLF, a last line end); answers its path. */
function csvBesideStore(desk: DeskApp, name: string, lines: string[]): string {
  const path = join(desk.storePath, '..', name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

/** A desk set up from the command line, with the council's registry loaded. */
async function deskWithRegistry(desk: DeskApp): Promise<void> {
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  expect((await desk.cli('import', 'registry', csvBesideStore(desk, 'cadastro.csv', REGISTRY))).code).toBe(0);
}

async function chooseFile(page: Page, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Escolher planilha' }).click();
  await (await chooser).setFiles(path);
  await expect(page.getByRole('heading', { name: 'Aba e tipo de importação' })).toBeVisible();
}

test('import a spreadsheet, fix the rejected rows in the error report, import it, undo', async ({ desk }) => {
  const { page } = desk;
  await deskWithRegistry(desk);
  const problems: string[] = [];

  await page.reload();
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Importar planilha', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Histórico de importações' })).toContainText('cadastro.csv');

  // 1–2: the file, its sheet and the kind of data.
  await chooseFile(page, join(fixtures, 'corrections.xlsx'));
  await expect(page.getByRole('radio', { name: /Correções de cadastros/ })).toBeChecked();
  await expect(page.getByLabel('Aba da planilha')).toContainText('corrections');
  await page.getByRole('button', { name: 'Continuar' }).click();

  // 3: the columns as recognised; "Telefone" is ignored on purpose.
  await expect(page.getByLabel('Campo do CRESS Desk: Nome da mãe')).toContainText('Nome da mãe');
  await expect(page.getByLabel('Campo do CRESS Desk: Documento')).toContainText('Documento comprobatório');
  await page.getByLabel('Campo do CRESS Desk: Telefone').click();
  await page.getByRole('option', { name: 'Ignorar esta coluna' }).click();
  // An ignored column says so, and each column shows a few of its values.
  await expect(page.getByLabel('Campo do CRESS Desk: Telefone')).toHaveText('Ignorar esta coluna');
  await expect(page.getByRole('table', { name: 'Colunas' }).getByRole('row').filter({ hasText: 'E-mail' }).first()).toContainText('Ex.: ana.paula@exemplo.com.br');
  problems.push(...(await seriousViolations(page, 'Importar — colunas')));
  await page.getByRole('button', { name: 'Conferir planilha' }).click();

  // 4: every rule ran, nothing written yet.
  await expect(page.getByRole('heading', { name: 'Conferência' })).toBeVisible();
  await expect(page.getByText('19 linhas', { exact: true })).toBeVisible();
  await expect(page.getByText('6 a gravar', { exact: true })).toBeVisible();
  await expect(page.getByText('11 com erro', { exact: true })).toBeVisible();
  await expect(page.getByText(/já confirmou a solicitação do DIP/)).toBeVisible();
  // Whose DIP it is, by name, and one tick for the whole import before Gravar.
  await expect(page.getByRole('alert').filter({ hasText: 'já confirmou a solicitação do DIP' })).toContainText('Carla Souza (registro 10003)');
  await expect(page.getByRole('button', { name: 'Gravar 6 linhas' })).toBeDisabled();
  await expect(page.getByText('Marque que entendeu a consequência para o DIP antes de gravar.')).toBeVisible();
  expect(desk.query<{ n: number }>('SELECT count(*) AS n FROM corrections')[0]?.n).toBe(0);
  const table = page.getByRole('table', { name: 'Linhas da planilha conferidas' });
  // Each row says whose record it is and what changes, old → new.
  await expect(table.getByRole('row').filter({ hasText: 'Ana Paula Ferreira (registro 10001)' }).first()).toContainText('E-mail: ana.ferreira@gmail.com → ana.paula@exemplo.com.br');
  await page.getByLabel('Só erros').check();
  await expect(table.getByRole('row')).toHaveCount(12);
  const emailRow = table.getByRole('row').filter({ hasText: 'helena@@exemplo' });
  await expect(emailRow).toContainText('E-mail inválido');
  await expect(emailRow.locator('td[aria-invalid="true"]')).toHaveText('helena@@exemplo');
  problems.push(...(await seriousViolations(page, 'Importar — conferência')));

  // The error report of the preview, downloaded as the browser does it.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Baixar relatório de erros' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('corrections-erros.xlsx');
  const reportPath = join(desk.storePath, '..', 'relatorio.xlsx');
  await download.saveAs(reportPath);

  // 5: write.
  await page.getByLabel('Entendi a consequência para o DIP de cada profissional acima').check();
  await page.getByRole('button', { name: 'Gravar 6 linhas' }).click();
  await expect(page.getByText('Importação nº 2 gravada.')).toBeVisible();
  // One row sets the mother's name and clears "Não consta mãe": one item of the mother fact.
  await expect(page.getByText('6 linhas foram gravadas e 8 correções entraram na fila para a Implanta; 11 linhas com erro ficaram de fora e não geraram correção.')).toBeVisible();
  const history = page.getByRole('table', { name: 'Histórico de importações' });
  await expect(history.getByRole('row').filter({ hasText: 'corrections.xlsx' })).toContainText('Gravada');
  expect(desk.query<{ email: string }>("SELECT email FROM professionals WHERE registration_number = '10001'")[0]?.email).toBe('ana.paula@exemplo.com.br');

  // The clerk fixes the e-mail in the report itself…
  const book = XLSX.read(readFileSync(reportPath), { type: 'buffer' });
  const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
  const rows = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' });
  expect(rows[0]?.slice(0, 1)).toEqual(['Linha original']);
  expect(rows[0]?.slice(-2)).toEqual(['Erros', 'Código do erro']);
  const line = rows.findIndex((r) => r.includes('helena@@exemplo'));
  expect(rows[line]?.at(-2)).toMatch(/^E-mail inválido/);
  expect(rows[line]?.at(-1)).toBe('EMAIL_INVALID');
  sheet[XLSX.utils.encode_cell({ r: line, c: (rows[0] as string[]).indexOf('E-mail') })] = { t: 's', v: 'helena.barbosa@exemplo.com.br' };
  const fixed = join(desk.storePath, '..', 'relatorio-corrigido.xlsx');
  writeFileSync(fixed, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

  // …and imports the report.
  await page.getByRole('button', { name: 'Importar outra planilha' }).click();
  await chooseFile(page, fixed);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
  await expect(page.getByRole('heading', { name: 'Conferência' })).toBeVisible();
  await expect(page.getByText('11 linhas', { exact: true })).toBeVisible();
  // The report's own columns (the old problems, the row number, the codes) are not shown as data.
  const again = page.getByRole('table', { name: 'Linhas da planilha conferidas' });
  await expect(again.getByRole('columnheader', { name: 'Erros' })).toHaveCount(1);
  await expect(again.getByRole('columnheader', { name: 'Código do erro' })).toHaveCount(0);
  await expect(again.getByRole('columnheader', { name: 'Linha original' })).toHaveCount(0);
  await page.getByRole('button', { name: /^Gravar \d+ linha/ }).click();
  await expect(page.getByText('Importação nº 3 gravada.')).toBeVisible();
  expect(desk.query<{ email: string }>("SELECT email FROM professionals WHERE registration_number = '10008'")[0]?.email).toBe('helena.barbosa@exemplo.com.br');

  // Undo the report's import from the history: the confirmation says exactly what happens.
  await history.getByRole('button', { name: 'Desfazer a importação nº 3' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Desfazer a importação nº 3?');
  await expect(dialog).toContainText('sairão da fila e os cadastros voltarão aos valores que tinham antes dela');
  problems.push(...(await seriousViolations(page, 'Importar — desfazer')));
  await dialog.getByRole('button', { name: 'Desfazer importação' }).click();
  await expect(page.getByText(/Importação nº 3 desfeita: \d+ cadastros? volt/)).toBeVisible();
  await expect(history.getByRole('row').filter({ hasText: 'relatorio-corrigido.xlsx' })).toContainText('Desfeita');
  // The summary above says so too, and no longer offers the queue it emptied.
  await expect(page.getByText('Importação nº 3 desfeita: as correções dela saíram da fila e os cadastros voltaram a como estavam antes dela.')).toBeVisible();
  await expect(page.getByText('Importação nº 3 gravada.')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ver a fila de correções' })).toHaveCount(0);
  expect(desk.query<{ email: string }>("SELECT email FROM professionals WHERE registration_number = '10008'")[0]?.email).toBe('helena@gmail.com');
  expect(problems).toEqual([]);
});

test('a registry load shows, before writing, whose record each row is and what it changes', async ({ desk }) => {
  const { page } = desk;
  await deskWithRegistry(desk);
  // The next export of the main system: Ana's e-mail and DIP changed, Bruna's did not, one record is new.
  const ana = (REGISTRY[1] as string).replace('ana.ferreira@gmail.com', 'ana.paula@exemplo.com.br').replace(/Não solicitado$/, 'Confirmado');
  const nova = '10009;39053344705;Rosa Nogueira;Antônia Nogueira;Casada;01/02/1970;rosa@exemplo.com.br;01310100;Avenida Paulista;1000;Bela Vista;São Paulo;SP;Não solicitado';
  const again = csvBesideStore(desk, 'cadastro-atual.csv', [REGISTRY[0] as string, ana, REGISTRY[2] as string, nova]);

  await page.reload();
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  await chooseFile(page, again);
  // A CSV is one table: no tab to choose.
  await expect(page.getByLabel('Aba da planilha')).toHaveCount(0);
  await page.getByRole('radio', { name: /Cadastro \(carga do sistema do Regional\)/ }).check();
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
  await expect(page.getByRole('heading', { name: 'Conferência' })).toBeVisible();

  const table = page.getByRole('table', { name: 'Linhas da planilha conferidas' });
  await expect(table.getByRole('columnheader', { name: 'Profissional' })).toBeVisible();
  const anaRow = table.getByRole('row').filter({ hasText: 'Ana Paula Ferreira (registro 10001)' });
  await expect(anaRow).toContainText('E-mail: ana.ferreira@gmail.com → ana.paula@exemplo.com.br');
  await expect(anaRow).toContainText('Situação do DIP: Não solicitado → Confirmado');
  await expect(table.getByRole('row').filter({ hasText: 'Bruna Oliveira Santos (registro 10002)' })).toContainText('Sem mudança');
  await expect(table.getByRole('row').filter({ hasText: 'Rosa Nogueira (registro 10009)' })).toContainText('Novo cadastro');
  // Nothing was written by looking.
  expect(desk.query<{ email: string }>("SELECT email FROM professionals WHERE registration_number = '10001'")[0]?.email).toBe('ana.ferreira@gmail.com');
});

test('on a 1024 px screen the errors of a Windows-1252 CSV are read in the check without scrolling the table sideways', async ({ desk }) => {
  const { page } = desk;
  await page.setViewportSize({ width: 1024, height: 576 });
  await deskWithRegistry(desk);
  const path = join(desk.storePath, '..', 'correcoes-excel.csv');
  const lines = [
    'Registro;E-mail;Nome da mãe;Motivo;Documento comprobatório',
    '10001;ana.paula@@exemplo;;Pedido no balcão;',
    '10002;;Cláudia Conceição Oliveira;Certidão apresentada;RG',
    '99999;outra@exemplo.com.br;;Pedido no balcão;',
  ];
  writeFileSync(path, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));

  await page.reload();
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  // The registry loaded from a CSV: the history names no tab for it (a CSV has none).
  const loaded = page.getByRole('table', { name: 'Histórico de importações' }).getByRole('row').filter({ hasText: 'cadastro.csv' });
  await expect(loaded).toContainText('Ana Souza');
  await expect(loaded).not.toContainText('aba');
  await chooseFile(page, path);
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
  await expect(page.getByRole('heading', { name: 'Conferência' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Linhas da planilha conferidas' });
  await expect(table.getByRole('row').filter({ hasText: 'Cláudia Conceição Oliveira' })).toContainText('A gravar');
  const frame = await page.getByRole('region', { name: 'Linhas da planilha conferidas' }).boundingBox();
  for (const error of [/E-mail inválido/, /Nenhum cadastro com o registro 99999/]) {
    const box = await table.getByText(error).boundingBox();
    expect(box && frame && box.x + box.width <= frame.x + frame.width, String(error)).toBe(true);
  }
});

test('on a 1024 px screen the check of a wide registry load keeps the row number and its problem in view while scrolling sideways', async ({ desk }) => {
  const { page } = desk;
  await page.setViewportSize({ width: 1024, height: 700 });
  await deskWithRegistry(desk);
  // The main system's whole export: many columns, one row giving Bruna the CPF of Ana.
  const bad = (REGISTRY[2] as string).replace('09876543229', '01234567890');
  const wide = csvBesideStore(desk, 'cadastro-completo.csv', [REGISTRY[0] as string, REGISTRY[1] as string, bad, REGISTRY[3] as string]);

  await page.reload();
  await page.getByRole('button', { name: 'Importar', exact: true }).click();
  await chooseFile(page, wide);
  await page.getByRole('radio', { name: /Cadastro \(carga do sistema do Regional\)/ }).check();
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('button', { name: 'Conferir planilha' }).click();
  await expect(page.getByRole('heading', { name: 'Conferência' })).toBeVisible();

  const region = page.getByRole('region', { name: 'Linhas da planilha conferidas' });
  const badRow = region.getByRole('row').filter({ hasText: 'Cláudia Oliveira' });
  await expect(badRow).toContainText('um CPF pertence a um cadastro só');
  // Far right, where the last columns of the file are: the row number and the problem are still read.
  await region.evaluate((frame) => (frame.scrollLeft = frame.scrollWidth));
  await expect(badRow.getByRole('cell', { name: 'Não solicitado' })).toBeInViewport();
  const frame = await region.boundingBox();
  for (const [what, locator] of [
    ['row number', badRow.getByRole('cell').first()],
    ['problem', badRow.getByText(/um CPF pertence a um cadastro só/)],
  ] as const) {
    const box = await locator.boundingBox();
    expect(box && frame && box.x >= frame.x - 1 && box.x + box.width <= frame.x + frame.width + 1, what).toBe(true);
    // Nothing of the file's columns scrolls over it.
    const centre = box ? { x: box.x + Math.min(box.width / 2, 20), y: box.y + box.height / 2 } : { x: 0, y: 0 };
    expect(await locator.evaluate((el, at) => el.contains(document.elementFromPoint(at.x, at.y)), centre), what).toBe(true);
  }
  await page.screenshot({ path: test.info().outputPath('conferencia-larga.png') });
});
