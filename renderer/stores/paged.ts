// Paged lists share two habits: a page change reloads (a new page size goes back to the first page),
// and when requests overlap only the newest answer is shown.
import { errorMessage } from '../api/client';

/** The page shown before the clerk pages: the first, 25 lines. */
export const FIRST_PAGE = { page: 0, pageSize: 25 } as const;

/** A search typed as text and shown a page at a time: what its screen reads, and the setters it calls. */
export interface PagedTextSearch<Result> {
  text: string;
  page: number;
  pageSize: number;
  result: Result | null;
  loading: boolean;
  error: string | null;
  setText(text: string): void;
  setPage(page: number): void;
  setPageSize(pageSize: number): void;
}

/** Where such a search starts: no text, the first page, no answer yet. */
export const SEARCH_NOT_STARTED = { text: '', ...FIRST_PAGE, result: null, loading: false, error: null } as const;

/** Hands out request tickets; an answer is applied only while its ticket is still the newest. */
export function newestOnly(): () => () => boolean {
  let latest = 0;
  return () => {
    const ticket = ++latest;
    return () => ticket === latest;
  };
}

/**
 * A list's load in which only the newest request counts: `loading` while it runs, then what `fetch`
 * answers (and no error), or why it failed as `error`; the last error stays shown until then.
 */
export function newestLoad<S extends { loading: boolean; error: string | null }>(set: (partial: Partial<S>) => void, fetch: () => Promise<Partial<S>>): () => Promise<void> {
  const ticket = newestOnly();
  return async () => {
    const current = ticket();
    set({ loading: true } as Partial<S>);
    try {
      const answer = await fetch();
      if (current()) set({ ...answer, error: null });
    } catch (error) {
      if (current()) set({ error: errorMessage(error) } as Partial<S>);
    } finally {
      if (current()) set({ loading: false } as Partial<S>);
    }
  };
}

/** `setPage` and `setPageSize` for a store: `apply` keeps the paging (pageSize only when it changes), then `reload` runs. */
export function pageSetters(
  apply: (page: number, pageSize?: number) => void,
  reload: () => unknown,
): { setPage(page: number): void; setPageSize(pageSize: number): void } {
  return {
    setPage(page) {
      apply(page);
      void reload();
    },
    setPageSize(pageSize) {
      apply(0, pageSize);
      void reload();
    },
  };
}
