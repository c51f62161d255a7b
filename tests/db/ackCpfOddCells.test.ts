// A CPF cell of a spreadsheet answer as exports and people leave it — Excel's apostrophe, a float's
// ".0", a slash or commas for the punctuation, a "CPF" before it — is read as the CPF it holds and
// checked against the row's id like any other. A cell with digits that still are no CPF refuses the
// file naming its row and column: taken for "no CPF", it would skip that check. Only cells that
// plainly hold none (empty, no digit, masked) are not compared.
import { describe, expect, it } from 'vitest';
import { formatCpf } from '../../shared/rules/cpf';
import { importAck, storePicture, writeAck } from './batchFixtures';
import { sentLoteForEachTest } from './ackSentLote';

const lote = sentLoteForEachTest(['Rita Souza', 'Lia Prado']);
const desk = () => lote.desk;
const rita = () => lote.people[0]!;
const lia = () => lote.people[1]!;

const PICTURE = { corrections: 'SELECT uuid, status, status_message FROM corrections ORDER BY id', professionals: 'SELECT id, email, row_version FROM professionals ORDER BY id' };

/** The CPF written as an export or a person may leave it. */
const ODD_FORMS: [string, (cpf: string) => string][] = [
  ["Excel's apostrophe", (cpf) => `'${cpf}`],
  ['a float from a database or pandas', (cpf) => `${cpf}.0`],
  ['a slash before the check digits', (cpf) => formatCpf(cpf).replace('-', '/')],
  ['a "CPF" before it', (cpf) => `CPF ${formatCpf(cpf)}`],
  ['commas for dots', (cpf) => formatCpf(cpf).replace(/\./g, ',')],
];

async function refusal(cell: string): Promise<{ code: string; message: string }> {
  const before = storePicture(desk(), PICTURE);
  const csv = `id;situação;CPF\r\n${lote.fix};aplicada;"${cell}"\r\n`;
  const error = (await importAck(desk(), writeAck(desk(), 'respondido.csv', csv)).catch((e: unknown) => e)) as { code: string; message: string };
  expect(storePicture(desk(), PICTURE)).toEqual(before);
  return error;
}

describe('a CPF cell in an odd format', () => {
  for (const [form, write] of ODD_FORMS) {
    it(`someone else's CPF with ${form} is compared, and refuses the file naming the line and both people`, async () => {
      const error = await refusal(write(lia().cpf));
      expect(error.code).toBe('ACK_INVALID');
      expect(error.message).toContain(`Linha 2: a linha traz o CPF ${formatCpf(lia().cpf)}`);
      expect(error.message).toContain(`Rita Souza (CPF ${formatCpf(rita().cpf)})`);
    });

    it(`the person's own CPF with ${form} is applied`, async () => {
      const csv = `id;situação;CPF\r\n${lote.fix};aplicada;"${write(rita().cpf)}"\r\n`;
      expect(await importAck(desk(), writeAck(desk(), 'respondido.csv', csv))).toMatchObject({ applied: 1 });
    });
  }

  it('a cell with digits that are no CPF refuses the file, naming the row, the column and why', async () => {
    const twelve = await refusal(`${lia().cpf}1`);
    expect(twelve.code).toBe('ACK_INVALID');
    expect(twelve.message).toMatch(/^Linha 2, coluna C \("CPF"\): "\d{12}" não pode ser lido como um CPF — tem 12 dígitos, e um CPF tem 11\./);
    const letters = await refusal(`${lia().cpf.slice(0, 10)}ab`);
    expect(letters.code).toBe('ACK_INVALID');
    expect(letters.message).toMatch(/^Linha 2, coluna C \("CPF"\): "\d{10}ab" não pode ser lido como um CPF — tem, junto dos dígitos, caracteres/);
    expect(letters.message).toContain('Nada foi alterado');
    const scientific = await refusal('7,60092E+10');
    expect(scientific.message).toMatch(/^Linha 2, coluna C \("CPF"\): "7,60092E\+10" .* notação científica/);
    const error = await refusal('#N/D');
    expect(error.message).toMatch(/^Linha 2, coluna C \("CPF"\): a célula mostra o erro #N\/D/);
  });

  it('a CPF cell in scientific notation says digits were lost only when they were', async () => {
    const whole = await refusal('1,7333421848E+10');
    expect(whole.code).toBe('ACK_INVALID');
    expect(whole.message).toMatch(
      /^Linha 2, coluna C \("CPF"\): "1,7333421848E\+10" não pode ser lido como um CPF — está em notação científica: a planilha guardou o CPF como número, e um CPF escrito assim não é aceito, mesmo com todos os dígitos\./,
    );
    expect(whole.message).not.toMatch(/perdeu dígitos/);
    const short = await refusal('1,73334E+10');
    expect(short.message).toMatch(/^Linha 2, coluna C \("CPF"\): "1,73334E\+10" não pode ser lido como um CPF — está em notação científica: a planilha guardou o CPF como número e perdeu dígitos\./);
  });

  it('cells that plainly hold no CPF (empty, no digit, masked) are still not compared', async () => {
    for (const cell of ['', 'não informado', '***.456.789-**', 'XXX.456.789-XX', '•••.•••.789-••']) {
      const csv = `id;situação;CPF\r\n${lote.fix};aplicada;"${cell}"\r\n`;
      const result = await importAck(desk(), writeAck(desk(), 'respondido.csv', csv));
      expect(result.applied + result.unchanged).toBe(1);
    }
  });
});
