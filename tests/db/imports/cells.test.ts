// Cells as the clerk reads them: numbers whole, dates as dd/mm/aaaa whatever the date system.
import { describe, expect, it } from 'vitest';
import { isBuiltinDateFormat, isDateFormatCode, numberCellText, numberText, serialDateText } from '../../../db/imports/readers/cells';

describe('cell texts', () => {
  it('writes numbers in full, without exponents or float noise', () => {
    expect(numberText(12345678909)).toBe('12345678909');
    expect(numberText(1310100)).toBe('1310100');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberCellText('1.2345678909E10')).toBe('12345678909');
    expect(numberCellText('0042')).toBe('42');
  });

  it('turns date serials into dd/mm/aaaa, in both date systems and around Lotus’s phantom 29/02/1900', () => {
    expect(serialDateText(29723)).toBe('17/05/1981');
    expect(serialDateText(29723.75)).toBe('17/05/1981');
    expect(serialDateText(1)).toBe('01/01/1900');
    expect(serialDateText(59)).toBe('28/02/1900');
    expect(serialDateText(61)).toBe('01/03/1900');
    expect(serialDateText(0, true)).toBe('01/01/1904');
    expect(serialDateText(28261, true)).toBe('17/05/1981');
  });

  it('reads a date cell past the last day Excel has (31/12/9999) as the number it holds, never as NaN/NaN/NaN', () => {
    expect(serialDateText(2958465)).toBe('31/12/9999');
    expect(serialDateText(2958465 - 1462, true)).toBe('31/12/9999');
    expect(serialDateText(2958466)).toBe('2958466');
    expect(serialDateText(1e12)).toBe('1000000000000');
    expect(serialDateText(1e300)).not.toMatch(/NaN/);
    expect(serialDateText(-5)).toBe('-5');
  });

  it('keeps a number cell that holds no finite number as written, for the rules to name, instead of reading it as empty', () => {
    expect(numberCellText('1e400')).toBe('1e400');
    expect(numberCellText('NaN')).toBe('NaN');
    expect(serialDateText(Number.NaN)).toBe('NaN');
    expect(serialDateText(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });

  it('recognises date formats by their code or built-in number', () => {
    for (const code of ['dd/mm/yyyy', 'DD/MM/YY', 'd-mmm-yy', '[$-416]dd/mm/yyyy', 'yyyy-mm-dd hh:mm', 'mm/dd/yy']) expect(isDateFormatCode(code)).toBe(true);
    for (const code of ['General', '0', '#,##0.00', '"dia" 0', 'hh:mm', '[Red]0.00', '@']) expect(isDateFormatCode(code)).toBe(false);
    expect(isBuiltinDateFormat(14)).toBe(true);
    expect(isBuiltinDateFormat(22)).toBe(true);
    expect(isBuiltinDateFormat(0)).toBe(false);
    expect(isBuiltinDateFormat(20)).toBe(false);
  });
});
