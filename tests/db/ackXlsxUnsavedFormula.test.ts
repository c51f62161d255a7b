// An xlsx answer written by a program that does not calculate (a script, a report tool) may hold a
// formula whose result was never saved: the file has the formula and no value. In a column the
// answer is read from, the file is refused saying so, naming the row and the column, and how to get
// the result saved; it is not passed over as an empty cell or a row not yet answered.
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readAck } from '../../db/batches/ackRead';
import { ACK_IDS, ackFileWriter } from './ackFiles';

const file = ackFileWriter('cress-ack-formula-');
const [first, second] = ACK_IDS as [string, string];

/** An answer whose cells `formulas` hold a formula: with its result saved when one is given, else none. */
function answer(rows: string[][], formulas: Record<string, { f: string; saved?: string }>): string {
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  for (const [address, { f, saved }] of Object.entries(formulas)) sheet[address] = saved === undefined ? { t: 'z', f } : { t: 's', v: saved, f };
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Resposta');
  return file('resposta.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

const refusal = (path: string) => readAck(path, 'resposta.xlsx').then(
  () => null,
  (error: unknown) => error as { code: string; message: string },
);

describe('an xlsx answer with a formula whose result was not saved', () => {
  it('in the situação column is refused naming the row, the column and what to do', async () => {
    const path = answer([['id', 'situação', 'mensagem'], [first, '', '']], { B2: { f: 'IF(A2="","","aplicada")' } });
    const error = await refusal(path);
    expect(error?.code).toBe('ACK_INVALID');
    expect(error?.message).toMatch(/^Linha 2, coluna situação \(B\): a célula tem uma fórmula cujo resultado não foi salvo/);
    expect(error?.message).toMatch(/Excel ou no LibreOffice/);
    expect(error?.message).not.toMatch(/nenhuma resposta|célula está vazia/);
  });

  it('in the id column of a later row is refused naming that row', async () => {
    const path = answer([['id', 'situação'], [first, 'aplicada'], ['', 'aplicada']], { A3: { f: 'A2' } });
    expect((await refusal(path))?.message).toMatch(/^Linha 3, coluna id \(A\): a célula tem uma fórmula cujo resultado não foi salvo/);
  });

  it('in every cell of the rows (a sheet made of formulas) is refused naming the first one', async () => {
    const path = answer([['id', 'situação'], ['', ''], ['', '']], { A2: { f: 'Lote!A2' }, B2: { f: 'Lote!B2' }, A3: { f: 'Lote!A3' }, B3: { f: 'Lote!B3' } });
    expect((await refusal(path))?.message).toMatch(/^Linha 2, coluna id \(A\): a célula tem uma fórmula cujo resultado não foi salvo/);
  });

  it('with its result saved is read as that result', async () => {
    const path = answer([['id', 'situação'], [first, ''], [second, 'rejeitada']], { B2: { f: 'IF(A2="","","aplicada")', saved: 'aplicada' } });
    expect((await readAck(path, 'resposta.xlsx')).answers).toEqual([
      expect.objectContaining({ id: first, status: 'synced' }),
      expect.objectContaining({ id: second, status: 'rejected' }),
    ]);
  });

  it('in a column the answer is not read from, is left alone', async () => {
    const path = answer([['id', 'situação', 'conferido'], [first, 'aplicada', '']], { C2: { f: 'NOW()' } });
    expect((await readAck(path, 'resposta.xlsx')).answers).toEqual([expect.objectContaining({ id: first, status: 'synced' })]);
  });
});
