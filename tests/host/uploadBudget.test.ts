// The browser host keeps each upload until the page is done with it, in the computer's temporary
// folder. Whoever holds its token could upload without end until that disk is full (and the
// store's with it, when they share one): past the host's budget the oldest uploads go, so the
// host never holds more than the budget, and the newest still read.
import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke, runJob, upload } from './hostClient';
import type { RunningHost } from '../../electron/preview/server';
import { heldBytes, startTestHost, type TestHost } from './testHost';

const MB = 1024 * 1024;
let running: TestHost;
let host: RunningHost;

beforeAll(async () => {
  running = await startTestHost('cress-host-budget-', { maxUpload: 2 * MB, maxHeld: 5 * MB });
  host = running.host;
  expect(await invoke(host, 'settings:setup', { region: 9, operator: 'Ana Souza', pin: '4321' })).toMatchObject({ ok: true });
});

afterAll(() => running.close());

/** A CSV of corrections padded to about `size` bytes. */
function csv(size: number): Buffer {
  const head = 'CPF;E-mail\n123.456.789-09;ana@exemplo.com.br\n';
  return Buffer.from(head + ';\n'.repeat(Math.floor((size - head.length) / 2)));
}

describe('uploads past the host’s budget', () => {
  it('let the oldest go: the host never holds more than its budget, and the newest upload still reads', async () => {
    const handles: string[] = [];
    for (let i = 0; i < 8; i++) {
      const answer = await upload(host, `correcoes-${i}.csv`, csv(1.5 * MB));
      expect(answer.status, answer.body.toString()).toBe(200);
      handles.push((JSON.parse(answer.body.toString()) as { handle: string }).handle);
      expect(heldBytes(host)).toBeLessThanOrEqual(5 * MB);
    }
    expect(await runJob(host, 'imports:inspect', { path: handles[0], name: 'correcoes-0.csv' })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    expect(await runJob(host, 'imports:inspect', { path: handles[7], name: 'correcoes-7.csv' })).toMatchObject({ ok: true });
  }, 60_000);
});

/** An upload whose body is sent in part and held open: `finish` sends the rest and answers the status. */
function uploadHeldOpen(name: string, first: Buffer): { req: ClientRequest; status: Promise<number>; sent: Promise<void>; finish(rest: Buffer): void } {
  const req = request({
    host: '127.0.0.1',
    port: host.port,
    path: `/api/upload?name=${name}`,
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-cress-token': host.token },
  });
  const status = new Promise<number>((ok) => {
    req.on('response', (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', () => ok(-1));
  });
  const sent = new Promise<void>((ok) => req.write(first, () => ok()));
  return { req, status, sent, finish: (rest) => req.end(rest) };
}

describe('uploads on their way at once', () => {
  it('count in the budget: past it a new one is refused, and those under way still arrive', async () => {
    const head = Buffer.from('CPF;E-mail\n');
    const first = uploadHeldOpen('a.csv', Buffer.concat([head, Buffer.alloc(1.8 * MB, 0x3b)]));
    const second = uploadHeldOpen('b.csv', Buffer.concat([head, Buffer.alloc(1.8 * MB, 0x3b)]));
    await Promise.all([first.sent, second.sent]);
    await new Promise((done) => setTimeout(done, 300)); // the host has read what was sent
    const third = await upload(host, 'c.csv', csv(1.9 * MB));
    expect(third.status).toBe(507);
    expect(JSON.parse(third.body.toString())).toMatchObject({ ok: false, error: { message: expect.stringContaining('ao mesmo tempo') } });
    first.finish(Buffer.from('\n'));
    second.finish(Buffer.from('\n'));
    expect(await first.status).toBe(200);
    expect(await second.status).toBe(200);
    expect(heldBytes(host)).toBeLessThanOrEqual(5 * MB);
  }, 60_000);
});
