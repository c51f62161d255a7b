// The browser host keeps one session per process (db/session.ts), and every tab of the preview
// shares it: a clerk signing in on a second tab would otherwise sign, unseen, what the first tab
// saves next. Each page says whom it signed in as (`x-cress-operator`); a call that writes or
// signs (any but the read-only ones) from a tab whose signer is no longer the session's is refused
// as a session ended, and that tab goes back to the choice of who works (renderer/stores/session.ts).
// A program that names no one (a script) is not a tab.
import type { IncomingMessage } from 'node:http';
import { isChannel, type Envelope } from '../../shared/contract';
import { READ_ONLY_CHANNELS } from '../../shared/contract/sessions';
import { sessionOf } from '../../db/session';

export const OPERATOR_HEADER = 'x-cress-operator';

/** The refusal for a call from a tab signed in as someone the session no longer is; null when it may go on. */
export function tabSignerRefusal(req: IncomingMessage, channel: unknown, storePath: string): Envelope<never> | null {
  const header = req.headers[OPERATOR_HEADER];
  if (typeof header !== 'string' || header === '' || !isChannel(channel) || READ_ONLY_CHANNELS.has(channel)) return null;
  let tab: string;
  try {
    tab = decodeURIComponent(header);
  } catch {
    return null;
  }
  const session = sessionOf(storePath);
  if (session === null || session === tab) return null;
  return {
    ok: false,
    error: {
      code: 'SESSION_REQUIRED',
      message: `${session} entrou nesta prévia em outra aba, e o que esta aba gravasse seria assinado em nome dela/e. Nada foi gravado: escolha quem está atendendo (nome e PIN) para continuar.`,
    },
  };
}
