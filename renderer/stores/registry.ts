// The registry search: text as typed, the page shown, and answers applied only if still current.
import { create } from 'zustand';
import type { Output } from '../../shared/contract';
import { call, errorMessage } from '../api/client';

export const SEARCH_DEBOUNCE_MS = 200;

type Result = Output<'registry:search'>;

interface RegistryState {
  text: string;
  page: number;
  pageSize: number;
  result: Result | null;
  /** The text the shown result answers. */
  resultText: string;
  loading: boolean;
  error: string | null;
  /** "Com pendências": only records with at least one pendência. */
  withPendencies: boolean;
  setText(text: string): void;
  setWithPendencies(on: boolean): void;
  setPage(page: number): void;
  setPageSize(pageSize: number): void;
  /** Run the pending search now (Enter) and return its result. */
  flush(): Promise<Result | null>;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let latest = 0;

export const useRegistry = create<RegistryState>()((set, get) => {
  async function run(): Promise<Result | null> {
    clearTimeout(timer);
    timer = undefined;
    const { text, page, pageSize, withPendencies } = get();
    const ticket = ++latest;
    set({ loading: true, error: null });
    try {
      const result = await call('registry:search', { text: text.trim(), page, pageSize, ...(withPendencies ? { withPendencies } : {}) });
      if (ticket === latest) set({ result, resultText: text.trim(), loading: false });
      return result;
    } catch (error) {
      if (ticket === latest) set({ loading: false, error: errorMessage(error) });
      return null;
    }
  }

  return {
    text: '',
    page: 0,
    pageSize: 25,
    result: null,
    resultText: '',
    loading: false,
    error: null,
    withPendencies: false,
    setText(text) {
      set({ text, page: 0 });
      clearTimeout(timer);
      timer = setTimeout(() => void run(), SEARCH_DEBOUNCE_MS);
    },
    setWithPendencies(on) {
      set({ withPendencies: on, page: 0, result: null });
      void run();
    },
    setPage(page) {
      set({ page });
      void run();
    },
    setPageSize(pageSize) {
      set({ pageSize, page: 0 });
      void run();
    },
    flush() {
      const { result, resultText, text } = get();
      if (timer === undefined && result && resultText === text.trim()) return Promise.resolve(result);
      return run();
    },
  };
});
