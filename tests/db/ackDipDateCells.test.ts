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
});
