// One snackbar for the whole window: short confirmations after a save.
import { create } from 'zustand';

interface Notice {
  id: number;
  message: string;
  severity: 'success' | 'info' | 'error';
}

interface NotifyState {
  notice: Notice | null;
  show(message: string, severity?: Notice['severity']): void;
  dismiss(): void;
}

let nextId = 1;

export const useNotify = create<NotifyState>()((set) => ({
  notice: null,
  show: (message, severity = 'success') => set({ notice: { id: nextId++, message, severity } }),
  dismiss: () => set({ notice: null }),
}));
