// What `batch ack` tells of a workbook answer's sheets: which were read (Implanta may split the
// answer over several, or put a cover first), which were passed over, a hidden one not read, and
// the hidden rows whose answers were applied like the others (as `import` tells hidden rows).
import type { AckResult } from '../../shared/contract';
import { plural } from '../../shared/display/plural';

const quoted = (names: readonly string[]) => names.map((name) => `“${name}”`).join(', ');

export function ackSheetLines(result: AckResult): string[] {
  const lines: string[] = [];
  const sheets = result.sheets;
  if (sheets) {
    const skipped = sheets.withoutAnswers.length > 0 ? `; passed over, without the id and situação columns in their first row: ${quoted(sheets.withoutAnswers)}` : '';
    lines.push(`${sheets.read.length === 1 ? 'Sheet' : 'Sheets'} read: ${quoted(sheets.read)}${skipped}.`);
    if (sheets.hiddenWithAnswers.length > 0) {
      const one = sheets.hiddenWithAnswers.length === 1;
      lines.push(
        `${one ? 'Hidden sheet' : 'Hidden sheets'} ${quoted(sheets.hiddenWithAnswers)} ${one ? 'has' : 'have'} the answer's columns but ${one ? 'was' : 'were'} not read: unhide ${one ? 'it' : 'them'} and import again if ${one ? 'it is' : 'they are'} part of the answer.`,
      );
    }
  }
  for (const hidden of result.hiddenRows) {
    const more = hidden.count > hidden.first.length ? '…' : '';
    lines.push(
      `${plural(hidden.count, 'row is', 'rows are')} hidden in sheet “${hidden.sheet}” (a filter, or hidden by hand: ${hidden.count === 1 ? 'row' : 'rows'} ${hidden.first.join(', ')}${more}) and ${hidden.count === 1 ? 'was' : 'were'} applied like the others.`,
    );
  }
  return lines;
}
