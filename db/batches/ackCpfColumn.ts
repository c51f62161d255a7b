// The CPF column of a spreadsheet answer: the person each row is about, which ackCpf.ts checks
// against the row's id. It goes by the names the corrections import takes for the CPF
// (resources/import-headers.json, compared as the import compares headers: one list for both, so
// a title the council's spreadsheets use is known to the import and to Implanta's answers alike). A column that speaks of a CPF the desk cannot place is refused: skipped, it would skip
// that check, and a sheet sorted on its own would give one person's answer to another.
import { columnLetter } from '../../shared/display/columnLetter';
import { cpfDigitsOf } from '../../shared/rules/cpf';
import { AS_CPF, inScientificNotation, scientificNotationCause } from '../../shared/rules/scientificNotation';
import { spreadsheetError } from '../../shared/spreadsheetErrors';
import { withoutInvisibles } from '../../shared/text';
import { headerKey, targetOfHeader } from '../imports/headers';
import { ackInvalid as invalid } from './ackSheets';

/** Another CPF than the one the professional goes by now: the lote's own "CPF anterior" (the CPF Implanta knew her by). */
const OTHER_CPF_NAMES = new Set(['CPF anterior', 'CPF antigo', 'previousCpf'].map(headerKey));

/** Whether the header names the professional's CPF. */
function namesPersonCpf(title: string): boolean {
  return targetOfHeader(title) === 'cpf';
}

/**
 * The column of the professional's CPF (-1 when there is none); `taken` are the columns already read
 * as something else (id, situação, message, DIP). `headerRow` is the header's row, for messages.
 */
export function cpfColumn(header: readonly string[], headerRow: number, taken: readonly number[]): number {
  const found: number[] = [];
  header.forEach((title, index) => {
    const key = headerKey(title);
    if (taken.includes(index) || !key.includes('cpf') || OTHER_CPF_NAMES.has(key)) return;
    if (!namesPersonCpf(title)) {
      throw invalid(
        `Linha ${headerRow}, coluna ${columnLetter(index)}: o cabeçalho "${title.trim()}" fala de um CPF, mas o CRESS Desk não sabe se é o CPF da/o profissional de cada linha — é com ele que cada resposta é conferida com a correção do id. Se for, chame a coluna de "CPF"; se não for, apague-a; e importe de novo. Nada foi alterado.`,
      );
    }
    found.push(index);
  });
  if (found.length > 1) {
    const [a, b] = found as [number, number];
    throw invalid(
      `Linha ${headerRow}: a planilha de confirmação tem duas colunas com o CPF da/o profissional ("${header[a]?.trim()}", coluna ${columnLetter(a)}, e "${header[b]?.trim()}", coluna ${columnLetter(b)}): não se sabe com qual conferir o id. Deixe só uma e importe de novo. Nada foi alterado.`,
    );
  }
  return found[0] ?? -1;
}

/** Where a CPF cell is, for the refusal of one that cannot be read: its row, column and header. */
export interface CpfCellPlace {
  line: number;
  column: number;
  title: string;
}

/**
 * A CPF whose digits a list hid group by group (`***.456.789-**`, `XXX.XXX.789-XX`, `•••456789••`):
 * no CPF to compare. A group is all digits or all marks; a stray letter among digits is no mask.
 */
const MASKED = /^(?=.*[*•●x])(?:\d{3}|[*•●]{3}|x{3})\.?(?:\d{3}|[*•●]{3}|x{3})\.?(?:\d{3}|[*•●]{3}|x{3})[-.]?(?:\d{2}|[*•●]{2}|x{2})$/i;

/**
 * The cell as a CPF is written, without what spreadsheets and exports wrap around it: Excel's
 * apostrophe of a number kept as text ('76009180805), a "CPF" before it (CPF 760.091.808-05,
 * CPF: …, CPF nº …), the decimals a database or pandas export writes after a number
 * (76009180805.0), commas for dots (760,091,808-05).
 */
function bareCpf(cell: string): string {
  return withoutInvisibles(cell)
    .trim()
    .replace(/^'/, '')
    .replace(/^cpf(?![a-z])\s*(?:n[º°o]?\.?\s*)?[:.\-–]?\s*/i, '')
    .replace(/^(\d{9,11})[.,]0+$/, '$1')
    .replace(/,/g, '.');
}

/** Why a cell with digits is no CPF, for its refusal. */
function whyNoCpf(bare: string): string {
  if (inScientificNotation(bare)) return `está em notação científica: ${scientificNotationCause(bare, AS_CPF)}`;
  if (/[^\d.\-\s/]/.test(bare)) return 'tem, junto dos dígitos, caracteres que um CPF não tem';
  const digits = bare.replace(/\D/g, '').length;
  return `tem ${digits} ${digits === 1 ? 'dígito' : 'dígitos'}, e um CPF tem 11`;
}

/**
 * A CPF cell as 11 digits (punctuation ignored, the leading zeros a number cell dropped put back,
 * as every CPF lookup of the desk reads them); null for a cell that plainly holds no CPF (empty,
 * no digit at all, masked), which is then not compared. A cell with digits that still are no CPF
 * (12 digits, letters among them, a formula error) is refused naming its row and column: taken
 * for no CPF, it would skip the check of the row's id.
 */
export function cpfOfCell(cell: string, place: CpfCellPlace): string | null {
  const where = `Linha ${place.line}, coluna ${columnLetter(place.column)} ("${place.title.trim()}")`;
  if (spreadsheetError(cell)) {
    throw invalid(`${where}: a célula mostra o erro ${cell}, de uma fórmula sem resultado, e não o CPF com que a linha é conferida. Corrija a planilha e importe de novo. Nada foi alterado.`);
  }
  const bare = bareCpf(cell);
  if (!/\d/.test(bare) || MASKED.test(bare.replace(/\s/g, ''))) return null;
  const digits = cpfDigitsOf(bare);
  if (digits !== null) return digits;
  throw invalid(
    `${where}: "${cell.trim()}" não pode ser lido como um CPF — ${whyNoCpf(bare)}. É com o CPF que se confere se a resposta da linha é da pessoa do id: corrija a célula (000.000.000-00) e importe de novo. Nada foi alterado.`,
  );
}
