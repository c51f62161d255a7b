// A DIP date in a spreadsheet answer as the systems that write one leave it: a date-time cell that
// lost its format shows its serial number with the time as a fraction (in pt-BR with a decimal
// comma), and a sheet exported from a database writes the date and time ISO-style with a space.
// Each is the day it names; a cell that names no day is still refused.
import { describe, expect, it } from 'vitest';
import { readAck } from '../../db/batches/ackRead';
import { ACK_IDS, ackFileWriter } from './ackFiles';

const file = ackFileWriter('cress-desk-ack-dates-');
const answer = (date: string) => `id;situação;situação do DIP;data do DIP\r\n${ACK_IDS[0]};aplicada;Confirmado;${date}\r\n`;
const dateOf = async (cell: string) => (await readAck(file('resposta.csv', Buffer.from(answer(cell), 'latin1')), 'resposta.csv')).answers[0]?.dipStatusDate;

describe('a DIP date cell of a spreadsheet answer', () => {
  it('as a date-time serial number, with a decimal comma or point, is that day', async () => {
    expect(await dateOf('46090,6041666667')).toBe('2026-03-09');
    expect(await dateOf('46090.604166')).toBe('2026-03-09');
  });

  it('as a database writes a date and time (a space before the time, seconds and milliseconds) is that day', async () => {
    expect(await dateOf('2026-03-09 14:30:00.000')).toBe('2026-03-09');
    expect(await dateOf('2026-03-09 14:30')).toBe('2026-03-09');
  });

  it('that names no day is still refused, naming the line', async () => {
    for (const cell of ['46090,5,5', '2026-02-30 10:00:00', '2026-03-09 25:00']) {
      await expect(readAck(file('resposta.csv', Buffer.from(answer(cell), 'latin1')), 'resposta.csv')).rejects.toMatchObject({
        code: 'ACK_INVALID',
        message: expect.stringMatching(/^Linha 2, coluna data do DIP/),
      });
    }
  });

  it('with an impossible time after a dd/mm/aaaa day is refused, as the JSON answer refuses it, naming row, column and value', async () => {
    for (const cell of ['05/12/2026 25:00', '05/12/2026 99:99:99', '05/12/2026 10:60', '05/12/2026 23:59:60']) {
      await expect(readAck(file('resposta.csv', Buffer.from(answer(cell), 'latin1')), 'resposta.csv')).rejects.toMatchObject({
        code: 'ACK_INVALID',
        message: expect.stringMatching(new RegExp(`^Linha 2, coluna data do DIP: "${cell}" .*a hora .* não existe`)),
      });
    }
  });

  it('with a real time after a dd/mm/aaaa day is still that day', async () => {
    expect(await dateOf('05/12/2026 23:59:59')).toBe('2026-12-05');
    expect(await dateOf('5/12/2026 0:00')).toBe('2026-12-05');
  });
});
