// The renderer's only way to the data: a typed call per contract channel, over Electron's
// preload bridge when present, otherwise over the browser host's HTTP endpoint.
import type { Channel, Envelope, Input, Output } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { tokenFor } from './token';

export const NETWORK_MESSAGE = 'Não foi possível falar com o armazenamento local do aplicativo.';
const FORBIDDEN_MESSAGE =
  'O armazenamento local recusou o acesso desta janela. Abra o endereço mais recente que a prévia mostrou no terminal: cada endereço abre uma aba só.';

export class ClientError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, field?: string, details?: unknown) {
    super(message);
    this.name = 'ClientError';
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

/** The browser host refused this tab (a spent or wrong address): trying again cannot help, a new address can. */
export class AccessRefusedError extends ClientError {
  constructor() {
    super('INTERNAL', FORBIDDEN_MESSAGE);
    this.name = 'AccessRefusedError';
  }
}

export type Transport = (channel: string, input: unknown) => Promise<Envelope<unknown>>;

export interface CressBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  /** File dialogs and the file manager (see renderer/api/desktop.ts). */
  desktop?(channel: string, input: unknown): Promise<unknown>;
}

export function bridgeTransport(bridge: CressBridge): Transport {
  return (channel, input) => bridge.invoke(channel, input);
}

/** Whom this tab signed in as: the browser host refuses its writes once another tab signed in as someone else. */
let tabOperator: string | null = null;

export function setTabOperator(name: string | null): void {
  tabOperator = name;
}

export function currentTabOperator(): string | null {
  return tabOperator;
}

export function httpTransport(token: string | null | Promise<string | null>, fetchImpl: typeof fetch = fetch, endpoint = '/api/invoke'): Transport {
  return async (channel, input) => {
    const signer: Record<string, string> = tabOperator === null ? {} : { 'x-cress-operator': encodeURIComponent(tabOperator) };
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cress-token': (await token) ?? '', ...signer },
      body: JSON.stringify({ channel, input }),
    });
    if (response.status === 401 || response.status === 403) throw new AccessRefusedError();
    if (!response.ok) throw new ClientError('INTERNAL', NETWORK_MESSAGE, undefined, { status: response.status });
    return (await response.json()) as Envelope<unknown>;
  };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const envelope = value as { ok: unknown; error?: unknown };
  if (envelope.ok === true) return 'value' in envelope;
  return envelope.ok === false && typeof envelope.error === 'object' && envelope.error !== null;
}

export type Call = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

export function createClient(transport: Transport): Call {
  return async <C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> => {
    let envelope: unknown;
    try {
      envelope = await transport(channel, input);
    } catch (error) {
      if (error instanceof ClientError) throw error;
      throw new ClientError('INTERNAL', NETWORK_MESSAGE);
    }
    if (!isEnvelope(envelope)) throw new ClientError('INTERNAL', NETWORK_MESSAGE);
    if (envelope.ok) return envelope.value as Output<C>;
    const { code, message, field, details } = envelope.error;
    throw new ClientError(code, message, field, details);
  };
}

declare global {
  interface Window {
    cress?: CressBridge;
  }
}

let defaultCall: Call | null = null;
let browserToken: Promise<string | null> = Promise.resolve(null);

/** The browser host's token (null inside Electron). */
export function hostToken(): Promise<string | null> {
  browserCall();
  return browserToken;
}

function browserCall(): Call {
  if (!defaultCall) {
    defaultCall = window.cress
      ? createClient(bridgeTransport(window.cress))
      : createClient(httpTransport((browserToken = tokenFor({ location: window.location, history: window.history, storage: window.sessionStorage }, tradeTicket))));
  }
  return defaultCall;
}

/** The token the browser host gives for the one-time ticket of the page's address; null when refused (spent, unknown). */
async function tradeTicket(ticket: string): Promise<string | null> {
  try {
    const response = await fetch('/api/page-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ticket }) });
    const body = response.ok ? ((await response.json()) as { token?: unknown }) : {};
    return typeof body.token === 'string' ? body.token : null;
  } catch {
    return null;
  }
}

/** Call one channel of the contract; throws ClientError with a Portuguese message on failure. */
export function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  return browserCall()(channel, input).catch((error: unknown) => {
    // The main side has no operator for this window (a restore of a store without them): ask again.
    // Its message (why the session ended) goes along: the window that asked is about to give way.
    if (error instanceof ClientError && error.code === 'SESSION_REQUIRED' && typeof window !== 'undefined') {
      window.dispatchEvent(new CustomEvent<string>(SESSION_LOST_EVENT, { detail: error.message }));
    }
    throw error;
  });
}

/** Fired when a call finds the session gone (detail: the store's words why); the app then goes back to the choice of who works. */
export const SESSION_LOST_EVENT = 'cress:session-lost';

/** Pick up the ticket (or token) before anything renders, so it leaves the address bar at once. */
export function initClient(): void {
  browserCall();
}

export function errorMessage(error: unknown): string {
  return error instanceof ClientError ? error.message : NETWORK_MESSAGE;
}

/** Runs `work`: null once it is done, else why it failed as the clerk reads it (what a reason dialog's confirmation answers). */
export async function failureOf(work: () => Promise<void>): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

export function isErrorCode(error: unknown, code: ErrorCode): error is ClientError {
  return error instanceof ClientError && error.code === code;
}
