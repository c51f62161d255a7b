// The browser host's address carries no token: a browser keeps every address it opened in its
// history (a redirect's first address and one history.replaceState rewrote included), where anyone
// using that browser profile later reads it. The address carries a one-time ticket instead, which
// the page trades for the token at once (the token then lives in that tab's sessionStorage only);
// found later in the history, the ticket opens nothing. Not a cookie: a browser sends 127.0.0.1's
// cookies to every port of it, where another account of the computer may listen.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonObject, readBody, refuse, refuseTooLarge, send } from './http';

/** Tickets not yet traded at once: enough for a few tabs opened from the addresses shown. */
const MAX_WAITING = 8;

export class PageTickets {
  /** In the order they were issued: past the limit the oldest goes. */
  private readonly waiting = new Set<string>();

  /** A new ticket, for one page to open with. */
  issue(): string {
    const ticket = randomBytes(24).toString('hex');
    this.waiting.add(ticket);
    for (const oldest of this.waiting) {
      if (this.waiting.size <= MAX_WAITING) break;
      this.waiting.delete(oldest);
    }
    return ticket;
  }

  /** Whether `ticket` is one issued and not yet traded; it is spent either way. */
  redeem(ticket: unknown): boolean {
    return typeof ticket === 'string' && this.waiting.delete(ticket);
  }
}

/**
 * `POST /api/page-token {ticket}`: the token for a page opened with a ticket not yet traded; a spent,
 * unknown or missing one is refused (403) with what to do. `traded` is told, so whoever started the
 * host gets a new address for another tab.
 */
export async function tradeTicket(req: IncomingMessage, res: ServerResponse, tickets: PageTickets, token: string, traded: () => void): Promise<void> {
  const body = await readBody(req);
  if (body === null) return refuseTooLarge(req, res);
  if (!tickets.redeem(jsonObject(body)?.ticket)) return refuse(res, 403, SPENT_MESSAGE);
  traded();
  send(res, 200, 'application/json', JSON.stringify({ token }));
}

const SPENT_MESSAGE =
  'Este endereço da prévia já foi usado ou não é desta prévia: cada endereço abre uma aba só. Abra o endereço mais recente que a prévia mostrou no terminal.';
