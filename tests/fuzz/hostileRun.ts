// What every file of hostile inputs shares: a tally of its cases, printed as one line when the file
// ends, and the resident memory it started from, so the whole run can be held to a bound.
import { afterAll, beforeAll } from 'vitest';
import { rssMb, Tally } from './generators';

export interface HostileRun {
  readonly tally: Tally;
  /** Resident memory, in MB, when the file's set-up began. */
  rssBefore: number;
}

/** Starts the run of one test file; `family` names its inputs in the closing line. Call it before the file's own set-up. */
export function hostileRun(family: string): HostileRun {
  const run: HostileRun = { tally: new Tally(), rssBefore: 0 };
  beforeAll(() => {
    run.rssBefore = rssMb();
  });
  afterAll(() => {
    console.log(run.tally.line(family));
  });
  return run;
}
