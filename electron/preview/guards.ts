// Who the browser host answers: the holder of its per-run token, from its own page. A token chosen
// by whoever starts the host must be as hard to guess as the one it draws itself.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The fewest characters of a token chosen with --token: the host's own has 48. */
const MIN_TOKEN = 32;

/**
 * A token given by whoever starts the host. An empty or short one (an unset variable in a script)
 * would let any page, of any site open in the browser, call the desk: the host refuses to start.
 */
export function checkChosenToken(token: string, source = '--token'): void {
  if (!usableToken(token)) throw new Error(tokenRule(source));
}

/** Whether a chosen token is long enough and plain enough (no spaces, no accents). */
export function usableToken(token: string): boolean {
  return token.length >= MIN_TOKEN && /^[\x21-\x7e]+$/.test(token);
}

/** What a chosen token must be, naming the way it was given. */
export function tokenRule(source: string): string {
  return `${source}: informe um token de pelo menos ${MIN_TOKEN} caracteres, sem espaços nem acentos (ou não informe nenhum, para a prévia sortear um).`;
}

/**
 * Whether a call comes from the host's own page. A browser names the page that sends a POST in
 * Origin (and says cross-site in Sec-Fetch-Site): a page of another site — or one that reads the
 * token from a leaked address — is refused. A request with neither header is a program, not a page.
 */
export function fromOwnPage(req: IncomingMessage, port: number): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
