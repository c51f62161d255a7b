// Paged lists share two habits: a page change reloads (a new page size goes back to the first page),
// and when requests overlap only the newest answer is shown.

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
