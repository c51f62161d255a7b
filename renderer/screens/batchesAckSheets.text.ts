// What the answer's dialog says of a workbook's sheets: which were read when there was a choice
// (several sheets, a cover passed over), a hidden sheet with answers not read, and hidden rows whose
// answers are applied like the others (as the import says of hidden rows, import.text.ts).
import type { AckResult } from '../../shared/contract';
import { formatCount } from '../../shared/display/numbers';

const list = (names: readonly string[]) => {
  const quoted = names.map((name) => `“${name}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} e ${quoted.at(-1)}` : (quoted[0] ?? '');
};

export const ACK_SHEETS_TEXT = {
  /** Said when the workbook gave a choice: more than one sheet read, or a sheet passed over. */
  read: (sheets: NonNullable<AckResult['sheets']>) => {
    const read = `${sheets.read.length === 1 ? 'Aba lida' : 'Abas lidas'}: ${list(sheets.read)}.`;
    const one = sheets.withoutAnswers.length === 1;
    const passed =
      sheets.withoutAnswers.length === 0
        ? ''
        : ` ${one ? 'A aba' : 'As abas'} ${list(sheets.withoutAnswers)} não ${one ? 'tem' : 'têm'} as colunas id e situação na primeira linha e ${one ? 'ficou' : 'ficaram'} de fora.`;
    return `${read}${passed}`;
  },
  hiddenSheets: (names: readonly string[]) => {
    const one = names.length === 1;
    return `${one ? 'A aba oculta' : 'As abas ocultas'} ${list(names)} ${one ? 'tem' : 'têm'} as colunas da resposta, mas não ${one ? 'foi lida' : 'foram lidas'}: abas ocultas não são lidas, pois não se vê o que dizem. Se ${one ? 'ela faz' : 'elas fazem'} parte da resposta, reexiba-${one ? 'a' : 'as'} na planilha e escolha o arquivo de novo.`;
  },
  /** Rows hidden in the sheets read (a filter, or hidden by hand): their answers count like the others. */
  hiddenRows: (hidden: AckResult['hiddenRows'], applied: boolean) => {
    const count = hidden.reduce((sum, sheet) => sum + sheet.count, 0);
    const one = count === 1;
    const where = hidden
      .map((sheet) => `aba “${sheet.sheet}”, ${sheet.count === 1 ? 'linha' : 'linhas'} ${sheet.first.join(', ')}${sheet.count > sheet.first.length ? '…' : ''}`)
      .join('; ');
    const taken = applied ? (one ? 'a resposta dela foi aplicada' : 'as respostas delas foram aplicadas') : one ? 'a resposta dela é aplicada' : 'as respostas delas são aplicadas';
    const advice = applied ? '' : ` Se não ${one ? 'deve' : 'devem'} entrar, apague-${one ? 'a' : 'as'} da planilha e escolha o arquivo de novo.`;
    return `A planilha tem ${one ? 'uma linha oculta' : `${formatCount(count)} linhas ocultas`} (por um filtro ou escondida${one ? '' : 's'} à mão: ${where}): ${taken} como as outras.${advice}`;
  },
};

/** The dialog's lines about the sheets, empty when there is nothing to say (a CSV, a JSON, a workbook of one sheet). */
export function ackSheetLines(result: AckResult, applied: boolean): string[] {
  const sheets = result.sheets;
  return [
    sheets && (sheets.read.length > 1 || sheets.withoutAnswers.length > 0) ? ACK_SHEETS_TEXT.read(sheets) : '',
    sheets && sheets.hiddenWithAnswers.length > 0 ? ACK_SHEETS_TEXT.hiddenSheets(sheets.hiddenWithAnswers) : '',
    result.hiddenRows.length > 0 ? ACK_SHEETS_TEXT.hiddenRows(result.hiddenRows, applied) : '',
  ].filter(Boolean);
}
