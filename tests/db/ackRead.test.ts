// Reading an acknowledgement file on its own: a CSV takes the spreadsheet import's CSV reader
// (encodings, separators, row numbers as a spreadsheet shows them), a JSON one is checked against
// its schema with messages that name the field.
import { describe, expect, it } from 'vitest';
import { readAck } from '../../db/batches/ackRead';
import { ACK_IDS, ackFileWriter } from './ackFiles';

const ids = ACK_IDS;
const file = ackFileWriter('cress-desk-ack-');

describe('an acknowledgement CSV', () => {
  it('in Windows-1252, with an accented message holding the separator, reads as written', async () => {
    const text = `id;situação;mensagem\r\n${ids[0]};aplicada;\r\n${ids[1]};Rejeitada;"Endereço não confere; CEP inválido"\r\n`;
    const ack = await readAck(file('resposta.csv', Buffer.from(text, 'latin1')), 'resposta.csv');
    expect(ack.format).toBe('csv');
    expect(ack.answers).toEqual([
      expect.objectContaining({ id: ids[0], status: 'synced', message: null, line: 2 }),
      expect.objectContaining({ id: ids[1], status: 'rejected', message: 'Endereço não confere; CEP inválido', line: 3 }),
    ]);
  });

  it('in UTF-16 with tabs ("Texto Unicode"), and with Excel\'s sep= line not counted as a row', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`id\tsituação\tmensagem\r\n${ids[0]}\trejeitada\tCPF já cadastrado\r\n`, 'utf16le')]);
    expect((await readAck(file('unicode.csv', utf16))).answers).toEqual([expect.objectContaining({ id: ids[0], status: 'rejected', message: 'CPF já cadastrado', line: 2 })]);
    const hinted = `sep=,\r\nid,situacao\r\n${ids[0]},applied\r\n\r\n${ids[1]},talvez\r\n`;
    // The bad row is row 4 in a spreadsheet program: the blank one above it counts.
    await expect(readAck(file('dica.csv', hinted))).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^Linha 4, coluna situação: "talvez"/) });
  });

  it('refuses a reason split by an unquoted separator, naming the line, instead of keeping half of it', async () => {
    const split = `id;situação;mensagem\r\n${ids[0]};aplicada;\r\n${ids[1]};rejeitada;Nome da mãe divergente; consta Maria na certidão\r\n`;
    await expect(readAck(file('partido.csv', Buffer.from(split, 'latin1')))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: expect.stringMatching(/^Linha 3: a linha tem valores em 4 colunas, e o cabeçalho nomeia 3: um separador dentro de um valor sem aspas/),
    });
    const comma = `id,situação,mensagem\r\n${ids[1]},rejeitada,E-mail inválido, já usado por outra\r\n`;
    await expect(readAck(file('virgula.csv', comma))).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^Linha 2: /) });
    // Empty cells past the header (a trailing separator) move nothing.
    const trailing = `id;situação;mensagem\r\n${ids[1]};rejeitada;CEP inválido;;\r\n`;
    expect((await readAck(file('sobra.csv', trailing))).answers).toEqual([expect.objectContaining({ id: ids[1], message: 'CEP inválido' })]);
  });

  it('refuses a quote never closed with the reader\'s own reason', async () => {
    await expect(readAck(file('aspas.csv', `id;situação;mensagem\r\n${ids[0]};rejeitada;"sem fim\r\n`))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: expect.stringMatching(/^O arquivo de confirmação não pôde ser lido\. A linha 2 .*aspas sem fechamento/),
    });
  });

  it('refuses rows in two encodings with the reader\'s own reason instead of reading the messages as mojibake', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`id;situação;mensagem\r\n${ids[0]};rejeitada;Endereço não confere\r\n`, 'utf8'),
      Buffer.from(`${ids[1]};rejeitada;CPF inválido\r\n`, 'latin1'),
    ]);
    await expect(readAck(file('mistura.csv', bytes))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: expect.stringMatching(/^O arquivo de confirmação não pôde ser lido\. O arquivo mistura duas codificações.*linha 1 .*linha 3 /),
    });
  });
});

describe('an answer whose BOM says UTF-8 while rows are in Windows-1252', () => {
  it('is refused naming the row, not read with “�” in its header and messages', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`id;situação;mensagem\r\n${ids[0]};rejeitada;Endereço não confere\r\n`, 'latin1')]);
    await expect(readAck(file('bom-ansi.csv', bytes))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: expect.stringMatching(/^O arquivo de confirmação não pôde ser lido\. O arquivo começa com a marca de UTF-8, mas a linha 1 está em Windows-1252/),
    });
  });
});

describe('the column of Implanta\'s reason under another title', () => {
  it('"Observações", "Motivo da rejeição", "Mensagem da Implanta" or "Justificativa" is read as the reason', async () => {
    for (const title of ['Observações', 'Motivo da rejeição', 'Mensagem da Implanta', 'Justificativa']) {
      const text = `id;situação;${title}\r\n${ids[0]};rejeitada;Logradouro não existe no CEP informado\r\n`;
      const ack = await readAck(file(`titulo-${title.length}.csv`, Buffer.from(text, 'latin1')));
      expect(ack.answers, title).toEqual([expect.objectContaining({ id: ids[0], status: 'rejected', message: 'Logradouro não existe no CEP informado' })]);
    }
    const dip = `id;situação;Status DIP\r\n${ids[0]};aplicada;Emitido\r\n`;
    expect((await readAck(file('status-dip.csv', dip))).answers[0]).toMatchObject({ dipStatus: expect.any(String) });
  });

  it('two columns that may each be the reason are refused naming both, not one taken at random', async () => {
    const text = `id;situação;Observações;Motivo da rejeição\r\n${ids[0]};rejeitada;Conferir;CEP inexistente\r\n`;
    await expect(readAck(file('dois-motivos.csv', text))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: expect.stringMatching(/tem 2 colunas que podem ser o motivo da Implanta \("Observações", C; "Motivo da rejeição", D\)/),
    });
  });

  it('in the lote\'s own list, the clerk\'s note on the document is never taken for Implanta\'s reason', async () => {
    const text = `id;Campo;Valor anterior;Valor novo;Motivo;Observação do documento;situação\r\n${ids[0]};E-mail;a@b.com;c@d.com;Pedido;Cópia autenticada;rejeitada\r\n`;
    expect((await readAck(file('lista-do-lote.csv', text))).answers).toEqual([expect.objectContaining({ id: ids[0], status: 'rejected', message: null })]);
  });
});

describe('an acknowledgement JSON that does not follow its schema', () => {
  const ack = (items: unknown[]) => JSON.stringify({ schemaVersion: 2, batch: ids[0], packageSha256: 'a'.repeat(64), items });

  it('refuses a key written twice, naming it and the item, instead of taking the last one', async () => {
    const twice = `{"schemaVersion":2,"batch":"${ids[0]}","packageSha256":"${'a'.repeat(64)}",\n"items":[{"id":"${ids[1]}","status":"applied"},\n{"id":"${ids[0]}","status":"applied","status":"rejected"}]}`;
    await expect(readAck(file('chave-dupla.json', twice))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: expect.stringMatching(/^O arquivo de confirmação repete a chave "status" \(no item 2 da resposta, linha 3, coluna 65\)/),
    });
    const top = `{"schemaVersion":1,"schemaVersion":2,"batch":"${ids[0]}","packageSha256":"${'a'.repeat(64)}","items":[{"id":"${ids[1]}","status":"applied"}]}`;
    await expect(readAck(file('versao-dupla.json', top))).rejects.toMatchObject({ message: expect.stringMatching(/repete a chave "schemaVersion" \(linha 1, coluna 20\)/) });
    // Equal words inside values, and equal keys in different objects, are no repetition.
    const fine = `{"schemaVersion":2,"batch":"${ids[0]}","packageSha256":"${'a'.repeat(64)}","items":[{"id":"${ids[1]}","status":"rejected","message":"status \\"id\\", id"},{"id":"${ids[0]}","status":"applied"}]}`;
    expect((await readAck(file('sem-repeticao.json', fine))).answers).toHaveLength(2);
  });

  it('is told, in Portuguese, which field is wrong and how', async () => {
    await expect(readAck(file('sem-situacao.json', ack([{ id: ids[1] }])))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: expect.stringMatching(new RegExp(`^Item 1 da resposta \\(id ${ids[1]}\\): falta a situação \\(status\\)\\.`)),
    });
    await expect(readAck(file('situacao.json', ack([{ id: ids[1], status: 'aplicada', note: 'x' }])))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: expect.stringMatching(/^Item 1 da resposta \(id [^)]+\): não são permitidas propriedades adicionais: "note"\..*Item 1 da resposta \(id [^)]+\): a situação \(status\) deve ser igual a um dos valores permitidos: "applied", /),
    });
  });
});

describe('an acknowledgement JSON refused, in words a clerk can pass on', () => {
  it('of a version this desk does not read says which it reads and that Implanta\'s tool may be newer', async () => {
    const newer = JSON.stringify({ schemaVersion: 3, batch: ids[0], packageSha256: 'a'.repeat(64), items: [{ id: ids[1], status: 'applied' }] });
    const error = await readAck(file('v3.json', newer)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/versão 3 .*lê as versões 1 e 2.*versão mais nova do sistema da Implanta/) });
    expect((error as Error).message).not.toMatch(/docs\/|\.md/);
  });

  it('names what a field should hold, not its regular expression, and each detail names the item by position and id', async () => {
    const bad = JSON.stringify({ schemaVersion: 2, batch: 'x', packageSha256: 'a'.repeat(64), items: [{ id: ids[0], status: 'applied' }, { id: ids[1], status: 'ok' }, { id: 'y', status: 'applied' }] });
    const error = (await readAck(file('lote.json', bad)).catch((e: unknown) => e)) as Error & { details: { message: string }[] };
    expect(error.message).toMatch(/^Campo batch: deve ser o identificador do lote, um UUID como no pacote/);
    expect(error.message).not.toMatch(/padrão|\^\[/);
    expect(error.details.map((d) => d.message)).toEqual([
      'campo batch: deve ser o identificador do lote, um UUID como no pacote',
      `Item 2 da resposta (id ${ids[1]}): a situação (status) deve ser igual a um dos valores permitidos: "applied", "synced_registry_only", "rejected"`,
      'Item 3 da resposta (id y): o identificador (id) deve ser o id de uma correção ou alteração de CEP do lote, um UUID como no pacote',
    ]);
  });
});
