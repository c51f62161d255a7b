// The CPF column of a spreadsheet answer: the person each row is about, which ackCpf.ts checks
// against the row's id. It goes by the names the corrections import takes for the CPF
// (resources/import-headers.json, compared as the import compares headers: one list for both, so
// a title the council's spreadsheets use is known to the import and to Implanta's answers alike). A column that speaks of a CPF the desk cannot place is refused: skipped, it would skip
// that check, and a sheet sorted on its own would give one person's answer to another.
import { columnLetter } from '../../shared/display/columnLetter';
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

/**
 * A CPF cell as 11 digits (punctuation ignored, the leading zeros a number cell dropped put back);
 * null for anything else (empty, masked), which is then not compared.
 */
export function cpfOfCell(cell: string): string | null {
  if (!/^[\d.\-\s]+$/.test(cell)) return null;
  const digits = cell.replace(/\D/g, '');
  return digits.length >= 9 && digits.length <= 11 ? digits.padStart(11, '0') : null;
}
