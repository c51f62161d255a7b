// The one entry every transport (Electron IPC, the command line, the browser host) goes through:
// channel check, input parsed by the contract, errors turned into envelopes the clerk can read.
import { z } from 'zod';
import { contract, isChannel, needsOperator, type Channel, type Envelope, type Handlers, type Input, type Output } from '../shared/contract';
import { AppError } from '../shared/errors';
import { describeIssues, issuesSaid } from './inputIssues';
import { errorKind, silentLogger, type Logger } from './log';
import { storeError } from './storeLock';

const ptBR = z.locales.ptBR();

export const INTERNAL_MESSAGE = 'Erro interno inesperado. Nada foi gravado pela operação que falhou.';

function internal(error: unknown): Envelope<never> {
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE, details: { message } } };
}

/** Typed for callers that know the channel; transports pass whatever arrived. */
export interface Dispatch {
  <C extends Channel>(channel: C, input: Input<C>): Promise<Envelope<Output<C>>>;
  (channel: unknown, input: unknown): Promise<Envelope<unknown>>;
}

/** Always resolves: `{ ok: true, value }` or `{ ok: false, error }`, never a rejection. */
export function createDispatcher(
  table: Handlers | (() => Handlers),
  logger: Logger = silentLogger,
  options: {
    /** The store's file: a full disk is named by its folder. */
    storePath?: () => string;
    /** Throws (SETUP_REQUIRED, SESSION_REQUIRED) when nobody is signed in: asked before every channel that needs an operator. */
    requireOperator?: () => unknown;
  } = {},
): Dispatch {
  // A getter lets the desk swap the handler table (after a restore) under the same dispatcher.
  const current = typeof table === 'function' ? table : () => table;
  return async (channel: unknown, input: unknown): Promise<Envelope<unknown>> => {
    const started = performance.now();
    const envelope = await answer(current(), channel, input, options.storePath?.() ?? null, options.requireOperator);
    const ms = Math.round(performance.now() - started);
    // Only the channel, the time, the outcome and its code (and how many problems): never what was
    // asked or answered, nor a message, which may quote a value the clerk typed.
    const name = isChannel(channel) ? channel : undefined;
    if (envelope.ok) logger.log({ level: 'info', event: 'call', channel: name, ms, ok: true });
    else {
      const { code, details } = envelope.error;
      const problems = code === 'INPUT_INVALID' && Array.isArray(details) ? details.length : undefined;
      logger.log({ level: code === 'INTERNAL' ? 'error' : 'info', event: 'call', channel: name, ms, ok: false, code, problems });
    }
    return envelope;
  };
}

async function answer(
  handlers: Handlers,
  channel: unknown,
  input: unknown,
  storePath: string | null,
  requireOperator: (() => unknown) | undefined,
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
    return { ok: false, error: { code: 'INPUT_INVALID', message: `Operação desconhecida: ${name}.` } };
  }
  const spec = contract[channel];
  const parsed = spec.input.safeParse(input, { error: ptBR.localeError });
  if (!parsed.success) {
    return { ok: false, error: { code: 'INPUT_INVALID', message: describeIssues(parsed.error.issues), details: issuesSaid(parsed.error.issues) } };
  }
  let value: unknown;
  try {
    // A channel that takes data out in someone's name runs only with an operator signed in (shared/contract/sessions.ts).
    if (requireOperator && needsOperator(channel)) requireOperator();
    const handler = handlers[channel] as (input: unknown) => unknown;
    value = await handler(parsed.data);
  } catch (thrown) {
    // Another writer past the bounded wait, or a full disk: the clerk can act on those.
    const error = storeError(thrown, storePath);
    if (error instanceof AppError) return { ok: false, error: error.toData() };
    // Its kind only: the message may quote a cell, a name or a file's path (db/log.ts).
    console.error(`[${channel}] Erro interno: ${errorKind(error)}`);
    return internal(error);
  }
  const output = spec.output.safeParse(value);
  if (!output.success) {
    // The handler answered something the contract does not allow: a bug, not the clerk's doing.
    // The problems' kinds and how many: their paths may hold a record's keys, which can be values.
    const kinds = [...new Set(output.error.issues.map((issue) => issue.code))].join(', ');
    console.error(`[${channel}] output does not match the contract: ${output.error.issues.length} problem(s) (${kinds})`);
    return internal(new Error(`output of ${channel} does not match the contract`));
  }
  return { ok: true, value: output.data };
}
