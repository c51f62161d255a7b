// The professional opened in the record view, with its corrections and audit trail.
import { create } from 'zustand';
import type { RecordView } from '../../shared/contract';
import { call, errorMessage } from '../api/client';
import { newestOnly } from './paged';

interface RecordState {
  id: number | null;
  view: RecordView | null;
  loading: boolean;
  error: string | null;
  open(id: number): Promise<void>;
  reload(): Promise<RecordView | null>;
}

const nextTicket = newestOnly();

export const useRecord = create<RecordState>()((set, get) => {
  async function fetchView(id: number): Promise<RecordView | null> {
    const current = nextTicket();
    set({ loading: true, error: null });
    try {
      const view = await call('registry:get', { id });
      if (current()) set({ view, loading: false });
      return view;
    } catch (error) {
      if (current()) set({ loading: false, error: errorMessage(error) });
      return null;
    }
  }

  return {
    id: null,
    view: null,
    loading: false,
    error: null,
    async open(id) {
      // Another professional: never show the previous one's data while loading.
      if (get().id !== id) set({ id, view: null });
      await fetchView(id);
    },
    async reload() {
      const id = get().id;
      return id === null ? null : fetchView(id);
    },
  };
});
