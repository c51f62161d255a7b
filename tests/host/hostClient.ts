// What a page (or anyone holding the token) can send the browser host: contract calls, uploads,
// save paths and downloads, answered as status and bytes.
import { request } from 'node:http';
import type { RunningHost } from '../../electron/preview/server';

export interface Answer {
  status: number;
  body: Buffer;
}

/** A POST to the host with its token; `headers` may override anything. */
export function post(host: RunningHost, path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cress-token': host.token, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

/** The dispatcher's envelope; `value` is read in the shape each test's channel answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the shape its channel answers
export type Answered = { ok: true; value: any } | { ok: false; value?: undefined; error: { code: string; message: string } };

export async function invoke(host: RunningHost, channel: string, input: unknown): Promise<Answered> {
  const answer = await post(host, '/api/invoke', JSON.stringify({ channel, input }));
  return JSON.parse(answer.body.toString('utf8')) as Answered;
}

/** Starts a job channel and polls it to its end: the job's result, or the refusal / its error. */
export async function runJob(host: RunningHost, channel: string, input: unknown): Promise<Answered> {
  const started = await invoke(host, channel, input);
  if (!started.ok) return started;
  for (;;) {
    const status = await invoke(host, 'jobs:status', { id: (started.value as { jobId: string }).jobId });
    if (!status.ok) return status;
    const { state, result, error } = status.value as { state: string; result: unknown; error: unknown };
    if (state === 'done') return { ok: true, value: result };
    if (state !== 'running') return { ok: false, error } as Answered;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Uploads bytes as the page's file input does. */
export async function upload(host: RunningHost, name: string, bytes: Buffer): Promise<Answer> {
  return post(host, `/api/upload?name=${encodeURIComponent(name)}`, bytes, { 'content-type': 'application/octet-stream' });
}

export async function savePath(host: RunningHost, suggestedName: string): Promise<{ handle: string; name: string }> {
  const answer = await post(host, '/api/save-path', JSON.stringify({ suggestedName }));
  return JSON.parse(answer.body.toString('utf8')) as { handle: string; name: string };
}

export function download(host: RunningHost, body: unknown): Promise<Answer> {
  return post(host, '/api/download', JSON.stringify(body));
}
