// One snackbar for the whole window: short confirmations after a save.
import { create } from 'zustand';

/** A way on from the notice ("Ver a avisar"): the notice then stays until closed or followed. */
export interface NoticeAction {
  label: string;
  onClick(): void;
}

interface Notice {
  id: number;
  message: string;
  /** A warning stays until closed, as a notice with a way on does. */
  severity: 'success' | 'info' | 'warning' | 'error';
  action?: NoticeAction | undefined;
}

interface NotifyState {
  notice: Notice | null;
  show(message: string, severity?: Notice['severity'], action?: NoticeAction): void;
  dismiss(): void;
}

let nextId = 1;

export const useNotify = create<NotifyState>()((set) => ({
  notice: null,
  show: (message, severity = 'success', action) => set({ notice: { id: nextId++, message, severity, action } }),
  dismiss: () => set({ notice: null }),
}));
