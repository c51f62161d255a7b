// Implanta's message is kept up to 1 000 characters in every format, counted as the JSON schema
// counts them (an emoji is one character, though JavaScript sees two units): a spreadsheet's
// message of 600 emoji, which the JSON format accepts whole, is kept whole too, and a longer one is
// cut at 1 000 characters, never in the middle of an emoji.
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readAck } from '../../db/batches/ackRead';
import { ACK_IDS, ackFileWriter } from './ackFiles';

const file = ackFileWriter('cress-ack-message-');
const id = ACK_IDS[0] as string;
const emoji = (count: number) => '📄'.repeat(count);
const characters = (text: string | null | undefined) => Array.from(text ?? '').length;

function xlsx(message: string): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem'], [id, 'rejeitada', message]]), 'Resposta');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

/** The message as each format keeps it. */
async function kept(message: string): Promise<Record<string, string | null>> {
  const read = async (name: string, content: string | Buffer) => (await readAck(file(name, content), name)).answers[0]?.message ?? null;
  return {
    csv: await read('resposta.csv', `id;situação;mensagem\r\n${id};rejeitada;${message}\r\n`),
    xlsx: await read('resposta.xlsx', xlsx(message)),
  };
}

describe('a message of a spreadsheet answer', () => {
  it('of 600 emoji is kept whole, as the JSON format keeps it', async () => {
    const json = await readAck(file('resposta.json', JSON.stringify({ schemaVersion: 1, batch: id, packageSha256: 'a'.repeat(64), items: [{ id, status: 'rejected', message: emoji(600) }] })), 'resposta.json');
    expect(json.answers[0]?.message).toBe(emoji(600));
    expect(await kept(emoji(600))).toEqual({ csv: emoji(600), xlsx: emoji(600) });
  });

  it('of 1 000 emoji, the most the JSON format takes, is kept whole', async () => {
    expect(await kept(emoji(1000))).toEqual({ csv: emoji(1000), xlsx: emoji(1000) });
  });

  it('longer than 1 000 characters is cut to 1 000, ending in "…", with no half emoji', async () => {
    for (const message of Object.values(await kept(emoji(1200)))) {
      expect(characters(message)).toBe(1000);
      expect(message).toBe(`${emoji(999)}…`);
    }
    for (const message of Object.values(await kept(`a${emoji(1200)}`))) {
      expect(characters(message)).toBe(1000);
      expect(message).toBe(`a${emoji(998)}…`);
    }
  });

  it('of plain letters is cut where it always was', async () => {
    expect(await kept('x'.repeat(1001))).toEqual({ csv: `${'x'.repeat(999)}…`, xlsx: `${'x'.repeat(999)}…` });
    expect(await kept('x'.repeat(1000))).toEqual({ csv: 'x'.repeat(1000), xlsx: 'x'.repeat(1000) });
  });
});
