// A screen loads what it shows when it appears: the store does the loading, the screen only says when.
import { useEffect } from 'react';

/** Starts `load` when the component appears (and again should `load` itself change). */
export function useLoad(load: () => Promise<unknown>): void {
  useEffect(() => {
    void load();
  }, [load]);
}
