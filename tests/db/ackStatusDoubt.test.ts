// A situação typed with a mark of doubt ("aplicada?") is no answer: the row is refused as an unknown
// situação, naming its line and column, never taken as the word inside. What is plainly the word —
// any case, with or without accents, spaces around it, a closing period — is read as before.
import { describe, expect, it } from 'vitest';
import { readAck } from '../../db/batches/ackRead';
import { ACK_IDS, ackFileWriter } from './ackFiles';

const file = ackFileWriter('cress-desk-ack-doubt-');
const answer = (status: string) => readAck(file('resposta.csv', `id;situação;mensagem\r\n${ACK_IDS[0]};${status};\r\n`));

describe('the situação of a spreadsheet answer', () => {
  for (const doubtful of ['aplicada?', 'Aplicada ?', '¿aplicada?', 'aplicada (?)', 'rejeitada?', 'aplicada!?', 'aplicada...', 'aplicada…', 'aplicada*', '(aplicada)', 'aplicada no cadastro, DIP não corrigido?']) {
    it(`"${doubtful}" is refused as an unknown situação, naming the row and the column`, async () => {
      await expect(answer(doubtful)).rejects.toMatchObject({
        code: 'ACK_INVALID',
        message: expect.stringMatching(new RegExp(`^Linha 2, coluna situação: "${doubtful.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" não é uma situação conhecida`)),
      });
    });
  }

  it('says the punctuation leaves the answer in doubt', async () => {
    await expect(answer('aplicada?')).rejects.toMatchObject({ message: expect.stringContaining('a pontuação deixa em dúvida se a Implanta aplicou ou recusou') });
  });

  it('a name of an object’s property is no situação', async () => {
    await expect(answer('constructor')).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^Linha 2, coluna situação: "constructor"/) });
  });

  const plain: [string, { status: string; registryOnly: boolean }][] = [
    ['  APLICADA  ', { status: 'synced', registryOnly: false }],
    ['Aplicada.', { status: 'synced', registryOnly: false }],
    ['Rejeitada', { status: 'rejected', registryOnly: false }],
    ['recusado.', { status: 'rejected', registryOnly: false }],
    ['synced_registry_only', { status: 'synced', registryOnly: true }],
    ['Aplicada no cadastro, DIP não corrigido.', { status: 'synced', registryOnly: true }],
    ['aplicada no cadastro (DIP não corrigido)', { status: 'synced', registryOnly: true }],
    ['Aplicada só no cadastro', { status: 'synced', registryOnly: true }],
  ];
  for (const [cell, outcome] of plain) {
    it(`"${cell}" is read as the word it plainly is`, async () => {
      expect((await answer(cell)).answers).toEqual([expect.objectContaining({ id: ACK_IDS[0], ...outcome })]);
    });
  }
});
