// Two meetings of the desk with Implanta, as the clerk sees them in Lotes: a lote that leaves out a
// record the main system gave a CPF Implanta still knows another person by (it says why), and an
// answer in a workbook whose cover sheet is passed over, whose two answer sheets are both read and
// whose hidden row is told before anything is applied.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { cpfCheckDigits } from '../../shared/rules/cpf';
import { expect, setUpDemoDesk, test } from './fixtures';

const cpf = (nine: string) => `${nine}${cpfCheckDigits(nine)}`;
const [OLD, NEW] = [cpf('910030001'), cpf('910770002')];

test('a lote leaves out the record holding the CPF Implanta still knows another person by, and says why', async ({ desk }) => {
  const { page } = desk;
  await desk.cli('init', '--region', '9', '--operator', 'Ana Souza');
  const registry = (name: string, rows: string[]) => {
    const path = join(desk.storePath, '..', name);
    writeFileSync(path, ['Registro;CPF;Nome;Nome da mãe;E-mail', ...rows].join('\r\n'));
    return path;
  };
  expect((await desk.cli('import', 'registry', registry('cadastro-1.csv', [`1003;${OLD};Juliana de Barros da Costa;Rita Costa;juliana@exemplo.com.br`]))).code).toBe(0);
  // The main system gives Juliana a new CPF and her old one to a new record.
  const moved = registry('cadastro-2.csv', [`1003;${NEW};Juliana de Barros da Costa;Rita Costa;juliana@exemplo.com.br`, `9999;${OLD};Pessoa Nova Teste;Maria Teste;nova@exemplo.com.br`]);
  expect((await desk.cli('import', 'registry', moved)).code).toBe(0);
  for (const [registration, email] of [['1003', 'juliana.b@exemplo.com.br'], ['9999', 'pessoa.nova@exemplo.com.br']]) {
    expect((await desk.cli('correct', registration as string, '--field', 'email', '--value', email as string, '--reason', 'E-mail informado no balcão')).code).toBe(0);
  }

  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('button', { name: 'Gerar lote' }).click();
  await expect(page.getByRole('heading', { name: 'Lote 2026-0001' })).toBeVisible();
  await expect(page.getByText(/Registro 9999 \(Pessoa Nova Teste\): A Implanta ainda conhece outro cadastro \(registro 1003\) por este CPF/)).toBeVisible();
  const items = page.getByRole('table', { name: 'Itens do lote', exact: true });
  await expect(items).toContainText('juliana.b@exemplo.com.br');
  await expect(items).not.toContainText('pessoa.nova@exemplo.com.br');
  expect(desk.query<{ n: number }>("SELECT count(*) AS n FROM corrections WHERE status = 'pending'")[0]?.n).toBe(1);
});

test('an answer in a workbook: the cover sheet passed over, both answer sheets read, a hidden row told before applying', async ({ desk }) => {
  const { page } = desk;
  await setUpDemoDesk(desk, 120, 5);
  const people = desk.query<{ registration_number: string }>("SELECT registration_number FROM professionals WHERE dip_status IN ('none', 'requested') ORDER BY id LIMIT 3");
  for (const [i, p] of people.entries()) {
    expect((await desk.cli('correct', p.registration_number, '--field', 'email', '--value', `planilha.${i}@exemplo.com.br`, '--reason', 'E-mail informado no balcão')).code).toBe(0);
  }
  const out = join(desk.storePath, '..', 'pacotes');
  mkdirSync(out, { recursive: true });
  for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', out], ['batch', 'mark-sent', '2026-0001']]) {
    expect((await desk.cli(...step)).code, step.join(' ')).toBe(0);
  }
  expect(readdirSync(out)).toHaveLength(1);
  const ids = desk.query<{ uuid: string }>('SELECT uuid FROM corrections WHERE batch_id IS NOT NULL ORDER BY id').map((r) => r.uuid);

  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Resposta da Implanta'], ['Lote 2026-0001']]), 'Resumo');
  const applied = XLSX.utils.aoa_to_sheet([['id', 'situação'], [ids[0], 'aplicada'], [ids[1], 'aplicada']]);
  applied['!rows'] = [{}, {}, { hidden: true }];
  XLSX.utils.book_append_sheet(book, applied, 'Aplicadas');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem'], [ids[2], 'rejeitada', 'Domínio do e-mail não recebe mensagens']]), 'Rejeitadas');
  const answer = join(desk.storePath, '..', 'resposta-implanta.xlsx');
  writeFileSync(answer, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', cellStyles: true }) as Buffer);

  await page.reload();
  await page.getByRole('button', { name: 'Lotes', exact: true }).click();
  await page.getByRole('row').filter({ hasText: '2026-0001' }).first().click();
  await page.getByRole('button', { name: 'Importar confirmação' }).click();
  const importing = page.getByRole('dialog');
  const chooser = page.waitForEvent('filechooser');
  await importing.getByRole('button', { name: 'Escolher arquivo…' }).click();
  await (await chooser).setFiles(answer);
  await expect(importing).toContainText('2 correções passam a aplicadas.');
  await expect(importing).toContainText('Abas lidas: “Aplicadas” e “Rejeitadas”. A aba “Resumo” não tem as colunas id e situação na primeira linha e ficou de fora.');
  await expect(importing).toContainText('A planilha tem uma linha oculta (por um filtro ou escondida à mão: aba “Aplicadas”, linha 3): a resposta dela é aplicada como as outras.');
  expect(desk.query<{ n: number }>("SELECT count(*) AS n FROM corrections WHERE status = 'sent'")[0]?.n).toBe(3);
  await importing.getByRole('button', { name: 'Aplicar a confirmação' }).click();
  await expect(importing.getByRole('status').filter({ hasText: 'Confirmação do lote 2026-0001 importada' })).toContainText('2 correções aplicadas · 1 correção rejeitada');
});
