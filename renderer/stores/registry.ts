// The registry search: text as typed, the page shown, and answers applied only if still current.
import { create } from 'zustand';
import type { Output } from '../../shared/contract';
import { call, errorMessage } from '../api/client';
import { REGISTRY_TEXT } from '../screens/registry.text';
import { newestOnly, pageSetters, SEARCH_NOT_STARTED, type PagedTextSearch } from './paged';

export const SEARCH_DEBOUNCE_MS = 200;
/** The longest text the store searches ('registry:search'); longer, it answers with a schema's refusal. */
const SEARCH_MAX = 200;

type Result = Output<'registry:search'>;

interface RegistryState extends PagedTextSearch<Result> {
  /** The text the shown result answers. */
  resultText: string;
  /** "Com pendências": only records with at least one pendência. */
  withPendencies: boolean;
  setWithPendencies(on: boolean): void;
  /** Run the pending search now (Enter) and return its result. */
  flush(): Promise<Result | null>;
}

let timer: ReturnType<typeof setTimeout> | undefined;
const nextTicket = newestOnly();

export const useRegistry = create<RegistryState>()((set, get) => {
  async function run(): Promise<Result | null> {
    clearTimeout(timer);
    timer = undefined;
    const { text, page, pageSize, withPendencies } = get();
    const current = nextTicket();
    const typed = text.trim();
    if (typed.length > SEARCH_MAX) {
      set({ loading: false, result: null, resultText: typed, error: REGISTRY_TEXT.tooLong(SEARCH_MAX, typed.length) });
      return null;
    }
    set({ loading: true, error: null });
    try {
      const result = await call('registry:search', { text: text.trim(), page, pageSize, ...(withPendencies ? { withPendencies } : {}) });
      if (current()) set({ result, resultText: text.trim(), loading: false });
      return result;
    } catch (error) {
      if (current()) set({ loading: false, error: errorMessage(error) });
      return null;
    }
  }

  return {
    ...SEARCH_NOT_STARTED,
    resultText: '',
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
    ...pageSetters((page, pageSize = get().pageSize) => set({ page, pageSize }), run),
    flush() {
      const { result, resultText, text } = get();
      if (timer === undefined && result && resultText === text.trim()) return Promise.resolve(result);
      return run();
    },
  };
});
