// The answer's dialog tells which sheets of a workbook it read when there was a choice, a hidden sheet
// with answers it did not read, and hidden rows whose answers count like the others; nothing for a
// CSV, a JSON or a workbook of one sheet.
import { describe, expect, it } from 'vitest';
import { ackSheetLines } from '../../../renderer/screens/batchesAckSheets.text';
import type { AckResult } from '../../../shared/contract';

const result = (fields: Pick<AckResult, 'sheets' | 'hiddenRows'>) => fields as AckResult;

describe("the sheets of Implanta's answer in the dialog", () => {
  it('names the sheets read and the one passed over', () => {
    expect(ackSheetLines(result({ sheets: { read: ['Aplicadas', 'Rejeitadas'], withoutAnswers: ['Resumo'], hiddenWithAnswers: [] }, hiddenRows: [] }), false)).toEqual([
      'Abas lidas: “Aplicadas” e “Rejeitadas”. A aba “Resumo” não tem as colunas id e situação na primeira linha e ficou de fora.',
    ]);
  });

  it('says a hidden sheet with the answer columns was not read', () => {
    const [line] = ackSheetLines(result({ sheets: { read: ['Itens'], withoutAnswers: [], hiddenWithAnswers: ['Antigas'] }, hiddenRows: [] }), false);
    expect(line).toMatch(/^A aba oculta “Antigas” tem as colunas da resposta, mas não foi lida/);
  });

  it('names hidden rows by sheet, before and after applying', () => {
    const hidden = { sheets: { read: ['Resposta'], withoutAnswers: [], hiddenWithAnswers: [] }, hiddenRows: [{ sheet: 'Resposta', count: 1, first: [3] }] };
    expect(ackSheetLines(result(hidden), false)).toEqual([
      'A planilha tem uma linha oculta (por um filtro ou escondida à mão: aba “Resposta”, linha 3): a resposta dela é aplicada como as outras. Se não deve entrar, apague-a da planilha e escolha o arquivo de novo.',
    ]);
    expect(ackSheetLines(result(hidden), true)[0]).toMatch(/a resposta dela foi aplicada como as outras\.$/);
  });

  it('says nothing of a CSV or a workbook of one sheet', () => {
    expect(ackSheetLines(result({ sheets: null, hiddenRows: [] }), false)).toEqual([]);
    expect(ackSheetLines(result({ sheets: { read: ['Planilha1'], withoutAnswers: [], hiddenWithAnswers: [] }, hiddenRows: [] }), false)).toEqual([]);
  });
});
