// The app's own state: versions, where the data lives, the desk's settings (null before setup) and
// who works now (`info.sessionOperator`, kept by the main side; null until someone chose their name).
import { create } from 'zustand';
import type { AppInfo, Input, Settings } from '../../shared/contract';
import { AccessRefusedError, call, currentTabOperator, errorMessage, setTabOperator } from '../api/client';
import { useDrafts } from './correctionDraft';

interface SessionState {
  info: AppInfo | null;
  loading: boolean;
  loadError: string | null;
  /** Whether trying again may help: not when the host refused this tab. */
  loadRetryable: boolean;
  load(): Promise<void>;
  /** Refresh counts (registry size) without blanking the screen. */
  refresh(): Promise<void>;
  setup(input: Input<'settings:setup'>): Promise<Settings>;
  updateSettings(input: Input<'settings:update'>): Promise<Settings>;
  /** Name and PIN (or the new PIN of an operator who has none): the window then opens the desk. */
  startSession(name: string, pin: string): Promise<void>;
  /** Trocar: back to the choice of who works. */
  endSession(): Promise<void>;
  /** Why the last session ended by itself (a write refused), shown on the choice of who works until someone signs in. */
  endedWhy: string | null;
  /** A call found the session gone: keep why, and let the app go back to the choice of who works. */
  sessionLost(why: string | null): void;
}

/** Who worked in the last session this window saw (the drafts are theirs). */
let lastOperator: string | null = null;

/**
 * The app's state as this tab may act on it. A page opened on a session already going signs as its
 * operator; after that only its own sign-in changes whom it signs as. When the session's operator
 * is someone else — another tab of the browser preview signed in — this tab goes back to the choice
 * of who works, saying why, instead of going on in that person's name (db/session.ts keeps one
 * session per program).
 */
function tabView(info: AppInfo, set: (state: Partial<SessionState>) => void): AppInfo {
  const mine = currentTabOperator();
  if (mine === null) {
    setTabOperator(info.sessionOperator ?? null);
    return info;
  }
  if (info.sessionOperator === mine || !info.sessionOperator) return info;
  set({ endedWhy: `${info.sessionOperator} entrou nesta prévia em outra aba. Para continuar aqui, escolha quem está atendendo (nome e PIN).` });
  return { ...info, sessionOperator: null };
}

export const useSession = create<SessionState>()((set, get) => ({
  info: null,
  loading: false,
  loadError: null,
  loadRetryable: true,
  endedWhy: null,
  async load() {
    set({ loading: true, loadError: null });
    try {
      const info = tabView(await call('app:info', {}), set);
      lastOperator = info.sessionOperator ?? lastOperator;
      set({ info, loading: false });
    } catch (error) {
      set({ loading: false, loadError: errorMessage(error), loadRetryable: !(error instanceof AccessRefusedError) });
    }
  },
  async refresh() {
    try {
      const info = tabView(await call('app:info', {}), set);
      lastOperator = info.sessionOperator ?? lastOperator;
      set({ info });
    } catch {
      // The screen keeps what it showed; the next action reports the problem.
    }
  },
  async setup(input) {
    const settings = await call('settings:setup', input);
    const info = get().info;
    if (info) set({ info: { ...info, settings } });
    await get().refresh();
    return settings;
  },
  async startSession(name, pin) {
    await call('session:start', { name, pin });
    // This tab now signs as whom the session names (the refresh below adopts it, as the main side spells it).
    setTabOperator(null);
    // After a session that ended by itself, someone else may sign in: what the last one typed is not theirs to sign.
    if (lastOperator !== null && lastOperator !== name) useDrafts.getState().clear();
    set({ endedWhy: null });
    await get().refresh();
  },
  async endSession() {
    await call('session:end', {});
    setTabOperator(null);
    set({ endedWhy: null });
    await get().refresh();
  },
  sessionLost(why) {
    set({ endedWhy: why });
    void get().refresh();
  },
  async updateSettings(input) {
    const settings = await call('settings:update', input);
    const info = get().info;
    if (info) set({ info: { ...info, settings } });
    return settings;
  },
}));
