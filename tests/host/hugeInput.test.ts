// Whoever holds the browser host's token can send any JSON up to the body's limit: an input with
// ninety thousand keys, or one key as long as the body. The refusal names the first problems and
// says how many more there are — an answer of a few lines, never the whole input sent back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, type Answered } from './hostClient';
import { startTestHost, type TestHost } from './testHost';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost('cress-host-huge-');
});
afterAll(async () => {
  await t.close();
});

async function send(body: string): Promise<{ size: number; answer: Answered }> {
  const answer = await post(t.host, '/api/invoke', body);
  expect(answer.status).toBe(200);
  return { size: answer.body.length, answer: JSON.parse(answer.body.toString('utf8')) as Answered };
}

describe('an input made to be as large as the host takes', () => {
  it('ninety thousand unknown keys are refused naming the first ones and how many more', async () => {
    const keys = `{${Array.from({ length: 90_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const { size, answer } = await send(`{"channel":"corrections:list","input":${keys}}`);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INPUT_INVALID');
    expect(answer.error.message).toContain('"k0"');
    expect(answer.error.message).toContain('e mais 89.990');
    expect(answer.error.message).not.toContain('"k89999"');
    expect(size).toBeLessThan(8_000);
  });

  it('a key of half a megabyte is not sent back whole', async () => {
    const long = 'x'.repeat(500_000);
    const { size, answer } = await send(`{"channel":"registry:find","input":{"${long}":{"${long.slice(1)}":1}}}`);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INPUT_INVALID');
    expect(answer.error.message).toMatch(/^Dados inválidos — key:/);
    expect(size).toBeLessThan(8_000);
  });
});
