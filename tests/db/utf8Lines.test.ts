// A package file's lines come out as the UTF-8 a reader of the package expects: the same bytes as
// the standard encoder gives for the joined text, whatever the characters, across buffer growth.
import { describe, expect, it } from 'vitest';
import { Utf8Lines } from '../../db/batches/utf8Lines';

const standard = (lines: string[], end: string) => Buffer.from(new TextEncoder().encode(lines.map((line) => line + end).join('')));

describe('package file lines', () => {
  it('accents, symbols, emoji and a stray half of a surrogate pair encode as the standard encoder does', () => {
    const lines = ['\uFEFFid;Nome', 'João Conceição;São Paulo', 'Ñandú — “aspas” €', 'emoji 👩🏽‍⚕️ ok', 'meio \uD83D par', ''];
    for (const end of ['\n', '\r\n'] as const) {
      const file = new Utf8Lines(end);
      for (const line of lines) file.add(line);
      expect(file.count).toBe(lines.length);
      expect(file.bytes().equals(standard(lines, end))).toBe(true);
    }
  });

  it('grows past its first megabyte, and past the size it reserved from the first lines, without losing a byte', () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => (i < 100 ? `curta ${i}` : `linha ${i} — Conceição ${'x'.repeat(i % 97)}`));
    const file = new Utf8Lines('\n', 1000);
    for (const line of lines) file.add(line);
    expect(file.bytes().length).toBeGreaterThan(1 << 20);
    expect(file.bytes().equals(standard(lines, '\n'))).toBe(true);
  });
});
