// Cells whose formula failed (#DIV/0!, #N/D, #VALOR!…): they hold no value, only the error the
// spreadsheet program shows. Files read by the desk (imports, Implanta's answers) name them as such,
// instead of judging "#DIV/0!" as a name, an e-mail or a CEP.

/** Errors as Excel in Portuguese shows them (a workbook stores them in English). */
const PORTUGUESE_WORDS: Record<string, string> = {
  '#N/A': '#N/D',
  '#VALUE!': '#VALOR!',
  '#NAME?': '#NOME?',
  '#NULL!': '#NULO!',
  '#SPILL!': '#DESPEJAR!',
  '#GETTING_DATA': '#OBTENDO_DADOS',
};

/** The error a workbook stores (`#N/A`) as the clerk sees it (`#N/D`); an empty one as `#ERRO`. */
export function shownSpreadsheetError(stored: string): string {
  const text = stored.trim() === '' ? '#ERRO' : stored.trim();
  return PORTUGUESE_WORDS[text.toUpperCase()] ?? text;
}

const ERROR_CELL = /^(#(N\/[AD]|DIV\/0!|VALOR!|VALUE!|REF!|NOME\?|NAME\?|NUM!|NÚM!|NULO!|NULL!|DESPEJAR!|SPILL!|CALC!|OBTENDO_DADOS|GETTING_DATA|ERRO)|Err:\d{3})$/i;

/** A cell that holds a spreadsheet error (#N/D, #DIV/0!…), as Excel or LibreOffice show or save it. */
export function spreadsheetError(cell: string): boolean {
  // Most cells do not start with '#' or 'E': one comparison passes them over.
  const first = cell.charCodeAt(0);
  return (first === 35 || first === 69 || first === 101) && ERROR_CELL.test(cell);
}

/** Why a cell showing `error` is refused as a value, and what to do (the row and column are said beside it). */
export function spreadsheetErrorMessage(error: string): string {
  return `A célula mostra o erro ${shownSpreadsheetError(error)}, de uma fórmula sem resultado, e não um valor: corrija a fórmula ou digite o valor na planilha e importe a linha de novo.`;
}
