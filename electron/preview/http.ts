// What the browser host's answers have in common: the page's JSON bodies read within a bound, and
// every answer sent with the same protective headers.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY = 1024 * 1024;

/** A JSON object sent by the page; null for anything else (an array, a number, broken JSON, a body too large). */
export function jsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The request's body as text; null as soon as it passes MAX_BODY (the caller answers 413). */
export async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  // destroyOnReturn: false keeps the connection open to answer after stopping early.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A body past MAX_BODY: refused, the connection closed once the rest is read and dropped. */
export function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  refuse(res, 413, 'Pedido grande demais.');
  req.resume();
}

/** A refused call, in the dispatcher's envelope so the page reads it like any other refusal. */
export function refuse(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'application/json', JSON.stringify({ ok: false, error: { code: 'INPUT_INVALID', message } }));
}

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // frame-ancestors only works as a header; the page's own meta CSP carries the rest.
    'content-security-policy': "frame-ancestors 'none'",
  });
  res.end(body);
}
