// How the tests check a rule's refusal: its code, and the words of the message the clerk reads.
import { expect } from 'vitest';
import type { Parsed } from '../../shared/errors';

/** `result` is a refusal with `code` whose message contains `words` (or matches them, a pattern). */
export function expectRefusal(result: Parsed<unknown>, code: string, words: string | RegExp): void {
  expect(result).toMatchObject({ ok: false, code });
  if (!result.ok) expect(result.message).toMatch(words);
}
