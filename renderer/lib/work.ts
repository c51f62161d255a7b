// Work a clerk's click starts: while it runs its button waits, and why it failed is told in place.
import { useState } from 'react';
import { errorMessage } from '../api/client';

export function useWork() {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Runs `work`, clearing the last failure first; a failure of its own becomes `error`. */
  async function run(work: () => Promise<void>): Promise<void> {
    setRunning(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setRunning(false);
    }
  }
  return { running, error, setError, run };
}

/** A piece of work's state, as `useWork` gives it. */
export type Work = ReturnType<typeof useWork>;
