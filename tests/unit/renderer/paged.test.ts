// Paged lists: a new page size starts over at the first page, and a late answer never overwrites a newer one.
import { describe, expect, it, vi } from 'vitest';
import { newestOnly, pageSetters } from '../../../renderer/stores/paged';

describe('paged store helpers', () => {
  it('keep the page, or go back to the first one with a new page size, then reload', () => {
    const apply = vi.fn();
    const reload = vi.fn();
    const { setPage, setPageSize } = pageSetters(apply, reload);
    setPage(3);
    expect(apply).toHaveBeenLastCalledWith(3);
    setPageSize(50);
    expect(apply).toHaveBeenLastCalledWith(0, 50);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('apply only the answer of the newest request', () => {
    const nextTicket = newestOnly();
    const first = nextTicket();
    const second = nextTicket();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
    const other = newestOnly()();
    expect(other()).toBe(true);
    expect(second()).toBe(true);
  });
});
