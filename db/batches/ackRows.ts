// The rows of one sheet of Implanta's answer read as answers: which columns hold the id, the
// situação, the message and the DIP (by their titles in the first row), and each row checked and
// read. Which sheets are read, and how their answers go together, is ackWorkbook.ts's job.
import type { DipStatus } from '../../shared/domain';
import { DIP_LABELS, parseDipStatus } from '../../shared/rules/vocabulary';
import { spreadsheetError } from '../../shared/spreadsheetErrors';
import { foldForSearch, plainLine } from '../../shared/text';
import { columnLetter } from '../../shared/display/columnLetter';
import { filledBeyondHeader, shiftedRowMessage } from '../imports/readers/shiftedRow';
import type { RawRow } from '../imports/readers/source';
import { cpfColumn, cpfOfCell } from './ackCpfColumn';
import { statusOf, unknownStatusMessage } from './ackStatusWords';
import { ackInvalid as invalid } from './ackSheets';
import { impossibleTime, normaliseDipDate, spreadsheetDate } from './ackDates';
import { unsavedFormulaMessage, type AckRow } from './ackFormulas';
import { capMessage, type AckAnswer } from './ackTypes';

const DIP_WORDS_HINT = Object.values(DIP_LABELS).join(', ');

/** Each column's names, the surest first: a header with several takes the first name it has. */
const HEADERS = {
  id: ['id', 'uuid', 'identificador'],
  status: ['situacao', 'status', 'resultado'],
  message: ['mensagem', 'message', 'motivo', 'observacao'],
  dipStatus: ['situacao do dip', 'status do dip', 'situacao dip', 'status dip', 'dipstatus', 'dip'],
  dipStatusDate: ['data do dip', 'data da situacao do dip', 'dipstatusdate', 'data dip', 'data situacao dip'],
};

/**
 * The lote's own corrections.csv, which Implanta's staff may fill in with a situação: its "Motivo"
 * is the clerk's reason, its "Observação do documento" the clerk's note and its "DIP" what the desk
 * asked about the DIP request, not Implanta's words.
 */
const PACKAGE_COLUMNS = ['valor anterior', 'valor novo', 'campo'];
const PACKAGE_OWN = new Set(['motivo', 'observacao do documento', 'dip']);

/** The header as names are compared, and whether it is the lote's own corrections.csv. */
function foldedHeader(header: string[]): { folded: string[]; fromPackage: boolean } {
  const folded = header.map((cell) => foldForSearch(cell));
  return { folded, fromPackage: PACKAGE_COLUMNS.every((name) => folded.includes(name)) };
}

function column(header: string[], names: string[]): number {
  const { folded, fromPackage } = foldedHeader(header);
  for (const name of names) {
    if (fromPackage && PACKAGE_OWN.has(name)) continue;
    const index = folded.indexOf(name);
    if (index < 0) continue;
    // Two columns of the same name: which one holds the answer is anybody's guess.
    const again = folded.indexOf(name, index + 1);
    if (again >= 0) {
      throw invalid(
        `A planilha de confirmação tem duas colunas "${header[index]}" (${columnLetter(index)} e ${columnLetter(again)}) na primeira linha: deixe só uma e importe de novo.`,
      );
    }
    return index;
  }
  return -1;
}

/**
 * How a person at Implanta may title the reason of a rejection ("Observações", "Motivo da rejeição",
 * "Mensagem da Implanta", "Justificativa"): looked for when no column has one of the exact names, so
 * a reason is never dropped for its column's title.
 */
const MESSAGE_BEGINNINGS = ['mensagem', 'motivo', 'obs', 'justificativa', 'justificacao', 'descricao', 'comentario'];

function messageColumn(header: string[]): number {
  const exact = column(header, HEADERS.message);
  if (exact >= 0) return exact;
  const { folded, fromPackage } = foldedHeader(header);
  const titled = folded.flatMap((name, index) => (MESSAGE_BEGINNINGS.some((start) => name.startsWith(start)) && !(fromPackage && PACKAGE_OWN.has(name)) ? [index] : []));
  if (titled.length > 1) {
    throw invalid(
      `A planilha de confirmação tem ${titled.length} colunas que podem ser o motivo da Implanta (${titled.map((index) => `"${header[index]}", ${columnLetter(index)}`).join('; ')}): deixe só uma, ou chame-a "mensagem", e importe de novo.`,
    );
  }
  return titled[0] ?? -1;
}

/**
 * The situação column. A header with two columns read as the situação ("situação" and "status",
 * in any order) is refused naming both, whatever their rows say: where they disagree, or one is
 * empty, which one Implanta meant is anyone's guess (as with "status" twice in a JSON item).
 */
function onlyStatusColumn(header: string[], headerRow: number): number {
  const first = column(header, HEADERS.status);
  const { folded } = foldedHeader(header);
  const other = folded.findIndex((name, index) => index !== first && HEADERS.status.includes(name));
  if (first >= 0 && other >= 0) {
    const [a, b] = [Math.min(first, other), Math.max(first, other)];
    throw invalid(
      `Linha ${headerRow}: a planilha de confirmação tem duas colunas lidas como a situação da resposta ("${header[a]?.trim()}", coluna ${columnLetter(a)}, e "${header[b]?.trim()}", coluna ${columnLetter(b)}): onde uma disser outra coisa, ou estiver vazia, não se sabe qual a Implanta quis dizer. Deixe só uma e importe de novo. Nada foi alterado.`,
    );
  }
  return first;
}

/** The columns read, as the messages name them. */
const COLUMN_WORDS = ['id', 'situação', 'mensagem', 'situação do DIP', 'data do DIP'];

/**
 * The first row holding something: the sheet's header, which must have the answer's columns; null
 * for a sheet with nothing in it.
 */
export function headerOf(rows: readonly RawRow[]): string[] | null {
  return rows.find((row) => row.cells.some((cell) => cell !== ''))?.cells ?? null;
}

/** Whether a header has an id and a situação column, as a sheet of answers has (a cover sheet does not). */
export function hasAnswerColumns(header: readonly string[]): boolean {
  const folded = header.map((cell) => foldForSearch(cell));
  return HEADERS.id.some((name) => folded.includes(name)) && HEADERS.status.some((name) => folded.includes(name));
}

/**
 * The answers of a sheet's rows, none when no row below the header is answered yet.
 * `textFile`: a CSV, whose row wider than its header had a value split by a separator (shiftedRow.ts).
 */
export function answersFromRows(rows: AckRow[], textFile: boolean): AckAnswer[] {
  const headerIndex = rows.findIndex((row) => row.cells.some((cell) => cell !== ''));
  const header = rows[headerIndex]?.cells;
  if (!header) throw invalid('A planilha de confirmação está vazia.');
  const idColumn = column(header, HEADERS.id);
  const statusColumn = onlyStatusColumn(header, (rows[headerIndex] as RawRow).row);
  const messageAt = messageColumn(header);
  const dipColumn = column(header, HEADERS.dipStatus);
  const dipDateColumn = column(header, HEADERS.dipStatusDate);
  if (idColumn < 0 || statusColumn < 0) {
    throw invalid('A planilha de confirmação precisa das colunas "id" e "situação" (e, se houver, "mensagem") na primeira linha.');
  }
  const cpfAt = cpfColumn(header, (rows[headerIndex] as RawRow).row, [idColumn, statusColumn, messageAt, dipColumn, dipDateColumn]);
  const answers: AckAnswer[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const { row: line, cells: row, unsaved } = rows[i] as AckRow;
    if (row.every((cell) => cell === '') && unsaved === undefined) continue;
    const filled = textFile ? filledBeyondHeader(row, header.length) : null;
    if (filled !== null) throw invalid(shiftedRowMessage(filled, header.length, line));
    [idColumn, statusColumn, messageAt, dipColumn, dipDateColumn].forEach((index, which) => {
      const cell = index >= 0 ? (row[index] ?? '') : '';
      if (index >= 0 && unsaved?.includes(index)) throw invalid(unsavedFormulaMessage(line, COLUMN_WORDS[which] as string, columnLetter(index)));
      if (spreadsheetError(cell)) {
        throw invalid(
          `Linha ${line}, coluna ${COLUMN_WORDS[which]} (${columnLetter(index)}): a célula mostra o erro ${cell}, de uma fórmula sem resultado, e não uma resposta. Corrija a planilha ou peça à Implanta a resposta sem erros.`,
        );
      }
    });
    const message = messageAt >= 0 ? (row[messageAt] ?? '').replace(/^'(?=[=+\-@\t\r])/, '') : '';
    const dipCell = dipColumn >= 0 ? (row[dipColumn] ?? '') : '';
    // A row Implanta has not answered yet (the lote's list with the situação still empty) is left out.
    if ((row[statusColumn] ?? '') === '' && message === '' && dipCell === '') continue;
    const id = (row[idColumn] ?? '').toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) {
      const said = (row[idColumn] ?? '') === '' ? 'a célula está vazia' : `"${row[idColumn]}" não é o id de uma correção`;
      throw invalid(`Linha ${line}, coluna id: ${said} (esperado um UUID, como no pacote).`);
    }
    const outcome = statusOf(row[statusColumn] ?? '');
    if (!outcome) throw invalid(unknownStatusMessage(line, row[statusColumn] ?? ''));
    let dipStatus: DipStatus | null = null;
    if (dipCell !== '') {
      const parsed = parseDipStatus(dipCell);
      if (!parsed.ok) throw invalid(`Linha ${line}, coluna situação do DIP: "${dipCell}" não é uma situação do DIP conhecida; use ${DIP_WORDS_HINT}.`);
      dipStatus = parsed.value;
    }
    const dateCell = dipDateColumn >= 0 ? (row[dipDateColumn] ?? '') : '';
    let dipStatusDate: string | null = null;
    if (dateCell !== '') {
      dipStatusDate = normaliseDipDate(spreadsheetDate(dateCell));
      if (dipStatusDate === null) {
        const time = impossibleTime(dateCell);
        const why = time === null ? '' : ` — a hora ${time} não existe`;
        throw invalid(`Linha ${line}, coluna data do DIP: "${dateCell}" não é uma data válida${why}; use dd/mm/aaaa.`);
      }
    }
    const cpf = cpfAt >= 0 ? cpfOfCell(row[cpfAt] ?? '', { line, column: cpfAt, title: header[cpfAt] ?? '' }) : null;
    answers.push({ id, ...outcome, message: capMessage(plainLine(message)) || null, dipStatus, dipStatusDate, line, ...(cpf === null ? {} : { cpf }) });
  }
  return answers;
}
