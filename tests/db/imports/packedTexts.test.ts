// Texts kept packed outside the heap (shared strings, rows waiting for the store's order) come back
// exactly as they went in, whatever their length or characters.
import { describe, expect, it } from 'vitest';
import { PackedTexts } from '../../../db/imports/readers/packedTexts';

describe('packed texts', () => {
  it('gives back every text as added, accents, emoji and empty ones included, by its index', () => {
    const texts = new PackedTexts();
    const added = ['Maria Aparecida Conceição', '', 'Não consta', 'São Paulo 🏙', 'a'.repeat(1000)];
    const indexes = added.map((text) => texts.add(text));
    expect(indexes).toEqual([0, 1, 2, 3, 4]);
    expect(indexes.map((i) => texts.at(i))).toEqual(added);
    expect(texts.length).toBe(5);
  });

  it('keeps texts across many blocks and one longer than a block', () => {
    const texts = new PackedTexts();
    const long = 'ç'.repeat(3 << 20); // 6 MB of UTF-8: longer than a block
    for (let i = 0; i < 300_000; i++) texts.add(`linha ${i} — Rua Nova Esperança, ${i}`);
    const at = texts.add(long);
    texts.add('depois');
    expect(texts.at(0)).toBe('linha 0 — Rua Nova Esperança, 0');
    expect(texts.at(299_999)).toBe('linha 299999 — Rua Nova Esperança, 299999');
    expect(texts.at(at)).toBe(long);
    expect(texts.at(at + 1)).toBe('depois');
  });

  it('answers nothing for an index it never gave (a damaged sheet naming a missing shared string)', () => {
    const texts = new PackedTexts();
    texts.add('um');
    expect(texts.at(1)).toBeUndefined();
    expect(texts.at(-1)).toBeUndefined();
    expect(texts.at(0.5)).toBeUndefined();
    expect(texts.at(Number.NaN)).toBeUndefined();
  });
});
