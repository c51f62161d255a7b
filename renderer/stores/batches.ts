// Lotes: what waits for a batch, the list of batches, the batch opened, its items; and the long
// operations (export, acknowledgement) followed as jobs.
import { create } from 'zustand';
import type { AckResult, BatchDashboard, BatchGroup, BatchItemKind, BatchSummary, ExportResult, Output, PendingForBatch } from '../../shared/contract';
import type { JobStatus } from '../../shared/contract/jobs';
import type { CorrectionStatus } from '../../shared/domain';
import { call, errorMessage } from '../api/client';
import { runJob, valueOrThrow, type RunOutcome } from './jobs';
import { FIRST_PAGE, newestOnly, pageSetters } from './paged';

type ItemsPage = Output<'batches:items'>;

export interface ItemFilters {
  status: CorrectionStatus | null;
  kind: BatchItemKind | null;
}

interface BatchesState {
  pending: PendingForBatch | null;
  list: Output<'batches:list'> | null;
  page: number;
  pageSize: number;
  loading: boolean;
  error: string | null;

  detail: { batch: BatchSummary; groups: BatchGroup[] } | null;
  detailError: string | null;
  items: ItemsPage | null;
  itemFilters: ItemFilters;
  itemPage: number;
  itemPageSize: number;
  itemsLoading: boolean;

  dashboard: BatchDashboard | null;
  dashboardError: string | null;
  /** Lotes that have not left the desk yet (open, sealed, exported but not marked sent), oldest first: Início names them. */
  unsent: BatchSummary[];

  loadOverview(): Promise<void>;
  setPage(page: number): void;
  setPageSize(pageSize: number): void;
  open(id: number): Promise<void>;
  loadItems(): Promise<void>;
  setItemFilters(patch: Partial<ItemFilters>): void;
  setItemPage(page: number): void;
  setItemPageSize(pageSize: number): void;
  loadDashboard(): Promise<void>;

  create(): Promise<BatchSummary>;
  seal(id: number): Promise<BatchSummary>;
  cancel(id: number): Promise<BatchSummary>;
  /** Takes one item out of the open batch: it is pending again (for the next batch). */
  removeItem(batchId: number, uuid: string): Promise<Output<'batches:removeItem'>>;
  markSent(id: number, sentAt: string, overdueHours: number): Promise<BatchSummary>;
  /** Starts the export job and follows it; `onStatus` sees each poll (for the progress bar). */
  exportPackage(input: { id: number; path: string; passphrase: string | null }, onStatus: (status: JobStatus) => void): Promise<ExportResult>;
  /** `dryRun`: what the answer would change, nothing written; `expectedSha256`: the file looked at. */
  acknowledge(input: { path: string; fileName: string; dryRun?: boolean; expectedSha256?: string }, onStatus: (status: JobStatus) => void): Promise<AckResult>;
  /**
   * Checks a package file (`path`: a picked file's handle) as a job; never throws. An encrypted one
   * without its passphrase, or with a wrong one, ends well with that problem (ZIP_PASSWORD_*).
   */
  verifyPackage(input: { path: string; passphrase: string | null }, onStatus: (status: JobStatus) => void): Promise<RunOutcome<'batches:verify'>>;
}

const nextItemsTicket = newestOnly();

/** The states of a lote still on the desk: each one waits for a step of the clerk's. */
const UNSENT_STATES = ['open', 'sealed', 'exported'] as const;

export const useBatches = create<BatchesState>()((set, get) => ({
  pending: null,
  list: null,
  ...FIRST_PAGE,
  loading: false,
  error: null,
  detail: null,
  detailError: null,
  items: null,
  itemFilters: { status: null, kind: null },
  itemPage: FIRST_PAGE.page,
  itemPageSize: FIRST_PAGE.pageSize,
  itemsLoading: false,
  dashboard: null,
  dashboardError: null,
  unsent: [],

  async loadOverview() {
    const { page, pageSize } = get();
    set({ loading: true, error: null });
    try {
      const [pending, list] = await Promise.all([call('batches:pending', {}), call('batches:list', { page, pageSize })]);
      set({ pending, list, loading: false });
    } catch (error) {
      set({ loading: false, error: errorMessage(error) });
    }
  },
  ...pageSetters((page, pageSize = get().pageSize) => set({ page, pageSize }), () => get().loadOverview()),

  async open(id) {
    if (get().detail?.batch.id !== id) set({ detail: null, items: null, itemFilters: { status: null, kind: null }, itemPage: 0 });
    set({ detailError: null });
    try {
      set({ detail: await call('batches:get', { id }) });
      await get().loadItems();
    } catch (error) {
      set({ detailError: errorMessage(error) });
    }
  },
  async loadItems() {
    const detail = get().detail;
    if (!detail) return;
    const { itemFilters, itemPage, itemPageSize } = get();
    const current = nextItemsTicket();
    set({ itemsLoading: true });
    try {
      const items = await call('batches:items', {
        id: detail.batch.id,
        ...(itemFilters.status ? { status: itemFilters.status } : {}),
        ...(itemFilters.kind ? { kind: itemFilters.kind } : {}),
        page: itemPage,
        pageSize: itemPageSize,
      });
      if (current()) set({ items, itemsLoading: false });
    } catch (error) {
      if (current()) set({ itemsLoading: false, detailError: errorMessage(error) });
    }
  },
  setItemFilters(patch) {
    set((s) => ({ itemFilters: { ...s.itemFilters, ...patch }, itemPage: 0 }));
    void get().loadItems();
  },
  ...(({ setPage, setPageSize }) => ({ setItemPage: setPage, setItemPageSize: setPageSize }))(
    pageSetters((itemPage, itemPageSize = get().itemPageSize) => set({ itemPage, itemPageSize }), () => get().loadItems()),
  ),

  async loadDashboard() {
    try {
      // What waits for the next lote is counted as Lotes counts it: corrections and CEP changes.
      const [dashboard, pending, ...unsent] = await Promise.all([
        call('batches:dashboard', { days: 30 }),
        call('batches:pending', {}),
        ...UNSENT_STATES.map((state) => call('batches:list', { state, page: 0, pageSize: 5 })),
      ]);
      set({ dashboard, pending, dashboardError: null, unsent: unsent.flatMap((page) => page.items).sort((a, b) => a.id - b.id) });
    } catch (error) {
      set({ dashboardError: errorMessage(error) });
    }
  },

  async create() {
    const batch = await call('batches:create', {});
    void get().loadOverview();
    return batch;
  },
  async seal(id) {
    const batch = await call('batches:seal', { id });
    await get().open(id);
    return batch;
  },
  async cancel(id) {
    const batch = await call('batches:cancel', { id });
    await get().open(id);
    return batch;
  },
  async removeItem(batchId, uuid) {
    const removed = await call('batches:removeItem', { batch: batchId, uuid });
    await get().open(batchId);
    void get().loadOverview();
    return removed;
  },
  async markSent(id, sentAt, overdueHours) {
    const batch = await call('batches:markSent', { id, sentAt, overdueHours });
    await get().open(id);
    return batch;
  },
  async exportPackage(input, onStatus) {
    // The clerk already confirmed replacing an existing file in the save dialog.
    const result = valueOrThrow(await runJob('batches:export', { ...input, replace: true }, onStatus));
    if (get().detail?.batch.id === input.id) await get().open(input.id);
    return result;
  },
  async acknowledge(input, onStatus) {
    const result = valueOrThrow(await runJob('batches:acknowledge', input, onStatus));
    if (input.dryRun) return result;
    const opened = get().detail?.batch.id;
    if (opened !== undefined) await get().open(opened);
    void get().loadOverview();
    return result;
  },
  verifyPackage(input, onStatus) {
    return runJob('batches:verify', input, onStatus);
  },
}));
