// The automatic backup in the desktop app: a check every half hour and one when the app closes,
// each making a backup only when the routine says one is due (at most once per interval, see
// db/backups/routine.ts). Closing waits for that backup, which runs in a worker thread.
import { app } from 'electron';
import type { Desk } from '../../db';

const CHECK_EVERY_MS = 30 * 60_000;
/** Closing never hangs on a backup for longer than this; a partial file never gets a final name. */
const CLOSE_WAIT_MS = 10 * 60_000;

export function installBackupRoutine(desk: () => Desk | null): void {
  const timer = setInterval(() => {
    const current = desk();
    if (current) void current.dispatch('backups:auto', { trigger: 'auto' });
  }, CHECK_EVERY_MS);
  timer.unref();

  let closing = false;
  app.on('before-quit', (event) => {
    const current = desk();
    if (closing || !current) return;
    closing = true;
    event.preventDefault();
    void (async () => {
      try {
        const answer = await current.dispatch('backups:auto', { trigger: 'close' });
        if (answer.ok && answer.value.jobId) {
          await Promise.race([current.jobs.wait(answer.value.jobId), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS))]);
        }
      } finally {
        app.quit();
      }
    })();
  });
}
