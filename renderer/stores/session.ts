// The app's own state: versions, where the data lives, and the desk's settings (null before setup).
import { create } from 'zustand';
import type { AppInfo, Input, Settings } from '../../shared/contract';
import { call, errorMessage } from '../api/client';

interface SessionState {
  info: AppInfo | null;
  loading: boolean;
  loadError: string | null;
  load(): Promise<void>;
  /** Refresh counts (registry size) without blanking the screen. */
  refresh(): Promise<void>;
  setup(input: Input<'settings:setup'>): Promise<Settings>;
  updateSettings(input: Input<'settings:update'>): Promise<Settings>;
}

export const useSession = create<SessionState>()((set, get) => ({
  info: null,
  loading: false,
  loadError: null,
  async load() {
    set({ loading: true, loadError: null });
    try {
      set({ info: await call('app:info', {}), loading: false });
    } catch (error) {
      set({ loading: false, loadError: errorMessage(error) });
    }
  },
  async refresh() {
    try {
      set({ info: await call('app:info', {}) });
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
  async updateSettings(input) {
    const settings = await call('settings:update', input);
    const info = get().info;
    if (info) set({ info: { ...info, settings } });
    return settings;
  },
}));
