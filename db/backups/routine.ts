// The backup routine: when an automatic backup is due, and how old the last verified one is.
import type { BackupItem, BackupSettings, BackupSummary } from '../../shared/contract/backups';

/** The dashboard and the header turn to a warning when the last verified backup is older than this. */
export const WARN_AFTER_DAYS = 7;
const DAY_MS = 86_400_000;

/**
 * Whether the routine should back up now: closing the app (when enabled) or the periodic check,
 * at most once per interval since the last verified backup.
 */
export function backupDue(settings: BackupSettings, lastBackup: Date | null, trigger: 'auto' | 'close', now: Date): { due: boolean; reason: string } {
  if (trigger === 'close' && !settings.onClose) return { due: false, reason: 'O backup ao fechar está desligado nas configurações.' };
  if (lastBackup === null) return { due: true, reason: 'Nenhum backup verificado ainda.' };
  const hours = (now.getTime() - lastBackup.getTime()) / 3_600_000;
  if (hours >= settings.intervalHours) return { due: true, reason: `O último backup tem mais de ${settings.intervalHours} h.` };
  return { due: false, reason: `O último backup tem menos de ${settings.intervalHours} h.` };
}

/**
 * The newest verified backup this desk wrote, still as it wrote it, and its age in whole days. A
 * backup only found here (another desk's, verified on this one) is not a backup of this store.
 */
export function backupSummary(items: readonly BackupItem[], now: Date): BackupSummary {
  const last = items.filter((i) => i.verified === true && !i.changed && i.trigger !== null && i.trigger !== 'found').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (!last) return { lastVerified: null, ageDays: null, warning: true, warnAfterDays: WARN_AFTER_DAYS };
  const ageDays = Math.max(0, Math.floor((now.getTime() - new Date(last.createdAt).getTime()) / DAY_MS));
  return { lastVerified: { fileName: last.fileName, createdAt: last.createdAt }, ageDays, warning: ageDays > WARN_AFTER_DAYS, warnAfterDays: WARN_AFTER_DAYS };
}
