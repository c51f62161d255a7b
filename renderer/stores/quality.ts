// The Pendências screen's state: the counts per case and code, the filters, and one page of items.
import { create } from 'zustand';
import type { QualityItem, QualitySummary } from '../../shared/contract/quality';
import type { PendencyCase } from '../../shared/rules/pendencyCases';
import { call, errorMessage } from '../api/client';
import { runJob, valueOrThrow } from './jobs';
import { FIRST_PAGE, newestLoad, pageSetters } from './paged';

interface QualityState {
  summary: QualitySummary | null;
  kase: PendencyCase | null;
  code: string | null;
  page: number;
  pageSize: number;
  result: { total: number; items: QualityItem[] } | null;
  loading: boolean;
  scanning: boolean;
  error: string | null;
  load(): Promise<void>;
  setCase(kase: PendencyCase | null): void;
  setCode(code: string | null): void;
  setPage(page: number): void;
  setPageSize(pageSize: number): void;
  /** Checks every record again, then shows the new counts. */
  scan(): Promise<number | null>;
}

export const useQuality = create<QualityState>()((set, get) => {
  const load = newestLoad<QualityState>(set, async () => {
    const { kase, code, page, pageSize } = get();
    const [summary, result] = await Promise.all([call('quality:summary', {}), call('quality:list', { case: kase, code, page, pageSize })]);
    return { summary, result };
  });
  return {
    summary: null,
    kase: null,
    code: null,
    ...FIRST_PAGE,
    result: null,
    loading: false,
    scanning: false,
    error: null,
    load,
    setCase: (kase) => {
      set({ kase, code: null, page: 0 });
      void load();
    },
    setCode: (code) => {
      set({ code, page: 0 });
      void load();
    },
    ...pageSetters((page, pageSize) => set(pageSize === undefined ? { page } : { page, pageSize }), load),
    scan: async () => {
      set({ scanning: true, error: null });
      try {
        const { scanned } = valueOrThrow(await runJob('quality:scan', {}, () => {}));
        await load();
        return scanned;
      } catch (error) {
        set({ error: errorMessage(error) });
        return null;
      } finally {
        set({ scanning: false });
      }
    },
  };
});
