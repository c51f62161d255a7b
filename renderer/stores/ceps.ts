// The council's own CEP directory: search, page, and saving an entry.
import { create } from 'zustand';
import type { Input, Output } from '../../shared/contract';
import { call, errorMessage } from '../api/client';
import { newestOnly, pageSetters, SEARCH_NOT_STARTED, type PagedTextSearch } from './paged';

export const CEP_SEARCH_DEBOUNCE_MS = 200;

type ListResult = Output<'cep:list'>;

interface CepState extends PagedTextSearch<ListResult> {
  load(): Promise<void>;
  save(input: Input<'cep:save'>): Promise<Output<'cep:save'>>;
}

let timer: ReturnType<typeof setTimeout> | undefined;
const nextTicket = newestOnly();

export const useCeps = create<CepState>()((set, get) => ({
  ...SEARCH_NOT_STARTED,
  setText(text) {
    set({ text, page: 0 });
    clearTimeout(timer);
    timer = setTimeout(() => void get().load(), CEP_SEARCH_DEBOUNCE_MS);
  },
  ...pageSetters((page, pageSize = get().pageSize) => set({ page, pageSize }), () => get().load()),
  async load() {
    clearTimeout(timer);
    const { text, page, pageSize } = get();
    const current = nextTicket();
    set({ loading: true, error: null });
    try {
      const result = await call('cep:list', { text: text.trim(), page, pageSize });
      if (current()) set({ result, loading: false });
    } catch (error) {
      if (current()) set({ loading: false, error: errorMessage(error) });
    }
  },
  async save(input) {
    const saved = await call('cep:save', input);
    void get().load();
    return saved;
  },
}));
