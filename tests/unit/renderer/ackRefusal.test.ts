// A refused answer file in Lotes is headed "Confirmação recusada: nada foi alterado."; the refusal's
// own words follow without saying "Nada foi alterado." a second time, and keep it when it says more.
import { describe, expect, it } from 'vitest';
import { BATCHES_TEXT } from '../../../renderer/screens/batches.text';

const detail = BATCHES_TEXT.ackDialog.refusedDetail;

describe('the refusal of an answer file', () => {
  it('drops a closing "Nada foi alterado." the heading already says', () => {
    expect(detail('O arquivo responde ao lote 2026-0009, que não existe neste computador. Nada foi alterado.')).toBe(
      'O arquivo responde ao lote 2026-0009, que não existe neste computador.',
    );
  });

  it('keeps the sentence when it goes on to say what to do, and leaves other messages as they are', () => {
    const more = 'O lote 2026-0002 deste computador é outro. Nada foi alterado: peça à Implanta a confirmação certa.';
    expect(detail(more)).toBe(more);
    expect(detail('A planilha não tem as colunas id e situação.')).toBe('A planilha não tem as colunas id e situação.');
  });
});
