// The correction queue: the clerk's filters, the page shown, and the counts per status.
import { create } from 'zustand';
import type { Output } from '../../shared/contract';
import type { CorrectionStatus } from '../../shared/domain';
import type { FieldName } from '../../shared/fields';
import { call, errorMessage } from '../api/client';
import { FIRST_PAGE, newestOnly, pageSetters } from './paged';

export interface QueueFilters {
  status: CorrectionStatus | null;
  /** With status `rejected`: only rejections not yet corrected again nor dismissed. */
  unresolved: boolean;
  field: FieldName | null;
  operator: string | null;
  /** ISO dates; null = open-ended. */
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: QueueFilters = { status: null, unresolved: false, field: null, operator: null, from: null, to: null };

type ListResult = Output<'corrections:list'>;
type Counts = Output<'corrections:counts'>;

interface CorrectionsState {
  filters: QueueFilters;
  page: number;
  pageSize: number;
  result: ListResult | null;
  loading: boolean;
  error: string | null;
  counts: Counts | null;
  countsError: string | null;
  operators: string[];
  setFilters(patch: Partial<QueueFilters>): void;
  clearFilters(): void;
  setPage(page: number): void;
  setPageSize(pageSize: number): void;
  load(): Promise<void>;
  loadCounts(): Promise<void>;
  loadOperators(): Promise<void>;
}

const nextTicket = newestOnly();

export const useCorrections = create<CorrectionsState>()((set, get) => ({
  filters: NO_FILTERS,
  ...FIRST_PAGE,
  result: null,
  loading: false,
  error: null,
  counts: null,
  countsError: null,
  operators: [],
  setFilters(patch) {
    set((s) => ({ filters: { ...s.filters, ...patch }, page: 0 }));
    void get().load();
  },
  clearFilters() {
    set({ filters: NO_FILTERS, page: 0 });
    void get().load();
  },
  ...pageSetters((page, pageSize = get().pageSize) => set({ page, pageSize }), () => get().load()),
  async load() {
    const { filters, page, pageSize } = get();
    const current = nextTicket();
    set({ loading: true, error: null });
    try {
      const result = await call('corrections:list', {
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.unresolved ? { unresolved: true } : {}),
        ...(filters.field ? { field: filters.field } : {}),
        ...(filters.operator ? { operator: filters.operator } : {}),
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
        page,
        pageSize,
      });
      if (current()) set({ result, loading: false });
    } catch (error) {
      if (current()) set({ loading: false, error: errorMessage(error) });
    }
  },
  async loadCounts() {
    try {
      set({ counts: await call('corrections:counts', {}), countsError: null });
    } catch (error) {
      set({ countsError: errorMessage(error) });
    }
  },
  async loadOperators() {
    try {
      set({ operators: await call('corrections:operators', {}) });
    } catch {
      // The operator filter simply offers no names; the list itself reports problems.
    }
  },
}));
