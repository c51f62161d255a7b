// Tests of POSIX file modes and signals: on Windows the desk's files are kept private by the
// user's profile ACLs, and a process has no SIGTERM/SIGINT to catch; those tests say so when skipped.
import type { TestContext } from 'vitest';

export const ON_WINDOWS = process.platform === 'win32';

/** Skips the running test on Windows with the reason printed beside it. */
export function posixOnly(context: TestContext, what = 'file modes 0600/0700'): void {
  context.skip(ON_WINDOWS, `POSIX ${what} do not exist on Windows: the user's profile ACLs keep the desk's files private there.`);
}
