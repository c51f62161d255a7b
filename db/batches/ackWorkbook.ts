// Which sheets of a workbook answer hold answers, and their answers taken together. Implanta may
// put the applied corrections on one sheet and the rejected on another, or a cover sheet first:
// every visible sheet whose first row has the answer's columns is read, the others passed over and
// named in the result. A hidden sheet is not read (the clerk does not see what it says), but named
// when it has the columns. An id answered on two sheets is refused as twice on one (ackApply.ts).
// When more than one sheet holds answers, each answer and each refusal of a row names its sheet.
import type { RawRow } from '../imports/readers/source';
import type { AckRow } from './ackFormulas';
import { inSheet } from './ackPlace';
import { answersFromRows, hasAnswerColumns, headerOf } from './ackRows';
import { ackInvalid as invalid, type AckSheet } from './ackSheets';
import type { AckAnswer, AckSheets, HiddenAnswerRows } from './ackTypes';

/** Hidden rows named in the result, the rest counted: as many as an import's summary names. */
const HIDDEN_ROWS_NAMED = 10;

const NO_ANSWER = 'A planilha de confirmação não tem nenhuma resposta abaixo do cabeçalho.';

/** Sheet names as a message lists them: “A”, “B” e “C”. */
function sheetList(names: readonly string[]): string {
  const quoted = names.map((name) => `“${name}”`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} e ${quoted.at(-1)}` : (quoted[0] ?? '');
}

/** The answers of a CSV's rows. */
export function answersOfCsv(rows: RawRow[]): AckAnswer[] {
  const answers = answersFromRows(rows, true);
  if (answers.length === 0) throw invalid(NO_ANSWER);
  return answers;
}

/** The answers of a workbook's sheets, and which sheets were read. */
export function answersOfWorkbook(sheets: readonly AckSheet[]): { answers: AckAnswer[]; sheets: AckSheets } {
  const withColumns = (sheet: AckSheet) => {
    const header = headerOf(sheet.rows);
    return header !== null && hasAnswerColumns(header);
  };
  const read = sheets.filter((sheet) => !sheet.hidden && withColumns(sheet));
  // An empty sheet (Excel's "Planilha2" left as it came) is not worth a word.
  const withoutAnswers = sheets.filter((sheet) => !sheet.hidden && !read.includes(sheet) && headerOf(sheet.rows) !== null).map((sheet) => sheet.name);
  const hiddenWithAnswers = sheets.filter((sheet) => sheet.hidden && withColumns(sheet)).map((sheet) => sheet.name);
  if (read.length === 0) refuseNoAnswerSheet(sheets, hiddenWithAnswers);
  const many = read.length > 1;
  const answers: AckAnswer[] = [];
  const hiddenRows: HiddenAnswerRows[] = [];
  for (const sheet of read) {
    let found: AckAnswer[];
    try {
      found = answersFromRows(sheet.rows, false);
    } catch (error) {
      throw many ? inSheet(error, sheet.name) : error;
    }
    answers.push(...(many ? found.map((answer) => ({ ...answer, sheet: sheet.name })) : found));
    const hidden = hiddenAnswerRows(sheet, found);
    if (hidden) hiddenRows.push(hidden);
  }
  if (answers.length === 0) throw invalid(NO_ANSWER);
  return { answers, sheets: { read: read.map((sheet) => sheet.name), withoutAnswers, hiddenWithAnswers, hiddenRows } };
}

/** The rows of `sheet` it hides whose answers were read; null when none. */
function hiddenAnswerRows(sheet: AckSheet, answers: readonly AckAnswer[]): HiddenAnswerRows | null {
  const hidden = new Set(sheet.rows.filter((row: AckRow) => row.hidden).map((row) => row.row));
  const lines = answers.filter((answer) => hidden.has(answer.line)).map((answer) => answer.line);
  return lines.length === 0 ? null : { sheet: sheet.name, count: lines.length, first: lines.slice(0, HIDDEN_ROWS_NAMED) };
}

/**
 * The refusal of a workbook with no visible sheet of answers. One whose only sheet, or every sheet,
 * is empty, or whose only visible sheet lacks the columns, is refused as that sheet's rows are; one
 * of several names the sheets looked at, or the hidden sheet that has the columns.
 */
function refuseNoAnswerSheet(sheets: readonly AckSheet[], hiddenWithAnswers: readonly string[]): never {
  if (hiddenWithAnswers.length > 0) {
    const one = hiddenWithAnswers.length === 1;
    throw invalid(
      `A planilha de confirmação só tem as colunas "id" e "situação" ${one ? 'na aba' : 'nas abas'} ${sheetList(hiddenWithAnswers)}, que ${one ? 'está oculta' : 'estão ocultas'}: o CRESS Desk não lê abas ocultas, pois não se vê o que dizem. Reexiba-${one ? 'a' : 'as'} no Excel ou no LibreOffice (se for mesmo a resposta), salve e importe de novo. Nada foi alterado.`,
    );
  }
  const visible = sheets.filter((sheet) => !sheet.hidden);
  const filled = visible.filter((sheet) => headerOf(sheet.rows) !== null);
  if (filled.length === 0 || visible.length === 1) {
    answersFromRows((filled[0] ?? visible[0] ?? (sheets[0] as AckSheet)).rows, false);
    throw invalid(NO_ANSWER);
  }
  const looked = visible.map((sheet) => sheet.name);
  throw invalid(
    `A planilha de confirmação precisa das colunas "id" e "situação" (e, se houver, "mensagem") na primeira linha de uma aba, e nenhuma das ${looked.length} abas as tem (${sheetList(looked)}). Nada foi alterado.`,
  );
}
