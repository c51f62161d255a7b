// The CPF beside each id of a spreadsheet answer guards against one person's answer going to
// another. It is found under every name the desk gives the CPF, not only a header written "CPF";
// a header that speaks of a CPF the desk cannot place is refused naming its column; and the lote's
// own "CPF anterior" (the CPF Implanta knew her by) is never taken for the person's CPF.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, correct, importAck, openBatchDesk, packageFile, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

let desk: BatchDesk;
let ids: string[];
let rita: Professional;
let lia: Professional;
let packageCsv: string[];
const liaNewCpf = validCpf(987_654_321);

beforeEach(async () => {
  desk = openBatchDesk();
  rita = addProfessional(desk.store, { name: 'Rita Souza' });
  lia = addProfessional(desk.store, { name: 'Lia Prado' });
  ids = [
    correct(desk, rita, { email: 'rita.souza@exemplo.com.br' }).corrections[0]!.uuid,
    // A CPF correction: the lote's corrections.csv then fills its "CPF anterior" column.
    correct(desk, lia, { cpf: liaNewCpf }).corrections[0]!.uuid,
  ];
  const { batch, path } = await sendBatch(desk);
  packageCsv = packageFile(path, batch.fileName.replace(/\.zip$/, ''), 'corrections.csv').split('\r\n').filter(Boolean);
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

const PICTURE = { corrections: 'SELECT uuid, status, status_message FROM corrections ORDER BY id', professionals: 'SELECT id, cpf, email, row_version FROM professionals ORDER BY id' };

async function refusal(csv: string): Promise<{ code: string; message: string }> {
  return (await importAck(desk, writeAck(desk, 'respondido.csv', csv)).catch((e: unknown) => e)) as { code: string; message: string };
}

describe('the CPF column of a spreadsheet answer, under the names the desk gives it', () => {
  for (const title of ['Nº do CPF', 'CPF da profissional', 'CPF do profissional', 'Número do CPF', 'CPF (titular)', 'cpf_profissional']) {
    it(`"${title}" beside ids sorted on their own: refused, naming the line and both people`, async () => {
      const csv = `${title};id;situação\r\n${formatCpf(rita.cpf)};${ids[1]};aplicada\r\n${formatCpf(liaNewCpf)};${ids[0]};aplicada\r\n`;
      const before = storePicture(desk, PICTURE);
      const error = await refusal(csv);
      expect(error.code).toBe('ACK_INVALID');
      expect(error.message).toContain(`Linha 2: a linha traz o CPF ${formatCpf(rita.cpf)}`);
      expect(error.message).toContain(`Lia Prado (CPF ${formatCpf(liaNewCpf)})`);
      expect(error.message).toContain(`Rita Souza (CPF ${formatCpf(rita.cpf)})`);
      expect(storePicture(desk, PICTURE)).toEqual(before);
    });
  }

  it('"CPF (titular)" matching each id: applied', async () => {
    const csv = `CPF (titular);id;situação\r\n${rita.cpf};${ids[0]};aplicada\r\n${liaNewCpf};${ids[1]};aplicada\r\n`;
    expect(await importAck(desk, writeAck(desk, 'respondido.csv', csv))).toMatchObject({ applied: 2 });
  });

  it('a header speaking of a CPF the desk cannot place is refused, naming its row and column', async () => {
    const before = storePicture(desk, PICTURE);
    const error = await refusal(`id;situação;CPF do cônjuge\r\n${ids[0]};aplicada;${lia.cpf}\r\n`);
    expect(error.code).toBe('ACK_INVALID');
    expect(error.message).toMatch(/^Linha 1, coluna C: o cabeçalho "CPF do cônjuge" fala de um CPF/);
    expect(error.message).toContain('chame a coluna de "CPF"');
    expect(storePicture(desk, PICTURE)).toEqual(before);
  });

  it('two columns of the professional’s CPF are refused, naming both', async () => {
    const error = await refusal(`CPF;id;situação;CPF da profissional\r\n${rita.cpf};${ids[0]};aplicada;${rita.cpf}\r\n`);
    expect(error).toMatchObject({ code: 'ACK_INVALID', message: expect.stringContaining('"CPF", coluna A, e "CPF da profissional", coluna D') });
  });
});

describe('a previous CPF in the answer', () => {
  it('the lote’s own corrections.csv with a situação column added still applies, its "CPF anterior" not read as the CPF', async () => {
    expect(packageCsv[0]).toMatch(/^\uFEFF?id;CPF;CPF anterior;/);
    const path = writeAck(desk, 'corrections-respondido.csv', `${packageCsv.map((line, i) => `${line};${i === 0 ? 'Situação' : 'aplicada'}`).join('\r\n')}\r\n`);
    expect(await importAck(desk, path)).toMatchObject({ applied: 2, rejected: 0, unanswered: 0 });
  });

  it('a sheet whose "CPF anterior" holds someone else’s CPF is checked by its "CPF" column only', async () => {
    const csv = `id;CPF;CPF anterior;situação\r\n${ids[0]};${rita.cpf};${lia.cpf};aplicada\r\n`;
    expect(await importAck(desk, writeAck(desk, 'respondido.csv', csv))).toMatchObject({ applied: 1 });
  });
});
