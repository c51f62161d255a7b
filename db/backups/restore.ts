// Restoring a backup, in two steps.
//
// 1. prepareRestore (a job): verify the backup, copy its database out beside the store (same
//    folder, so the swap is a rename; preparedCopies.ts), refuse a newer schema, migrate an older
//    one — all on the copy: the store is not touched.
// 2. applyRestore (inside Desk.withStoreClosed, every connection of this desk closed): claim the
//    store alone — refused while any other program has it open, even only reading it, so no
//    write can land in a file about to be set aside (db/storeLock.ts) —, and under that claim write
//    into the copy the restore's own record (its audit entry, the lotes it undoes, the backup list),
//    fold the write-ahead log into the store, keep it aside under
//    `cress-desk.before-restore-<when>.sqlite` (a hard link: instant), remove the -wal/-shm files
//    and rename the copy over the store (atomic); then check that it opens. If anything fails the
//    store is put back as it was (in rollback-journal mode, which the next open turns back to WAL).
// A kill at any moment leaves the store either as it was or fully restored.
import type { Database } from 'better-sqlite3';
import { copyFileSync, constants, existsSync, linkSync, rmSync } from 'node:fs';
import { renameInPlaceSync } from '../renameInPlace';
import { basename, dirname, join } from 'node:path';
import type { RestoreApplied, RestorePrepared } from '../../shared/contract/backups';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { cancelBatch } from '../batches/lifecycle';
import { lotesThatLeft, lotesUndoneBy, type UndoneLote } from '../batches/undoneLotes';
import { claimStoreAlone, openStoreReader, readBackupCopy } from '../connections';
import type { JobContext } from '../jobs/types';
import { openStore } from '../open';
import { getSettings } from '../settings';
import { exportCatalog, importCatalog } from './catalog';
import { deskChange, refuseOtherDesk } from './deskIdentity';
import { syncFolderSync } from '../packaging';
import { requireWritableStore, storeError, writeTransaction } from '../storeLock';
import { isPreparedPath, preparedPathFor, removeStalePrepared } from './preparedCopies';
import { schemaVerdict } from './snapshot';
import { noteVerification, verifyBackupFile, type VerifyInput } from './verify';

/** Corrections the desk saved (or cancelled) after the backup was made: a count and the latest time. */
type SavedAfter = RestorePrepared['correctionsAfter'];

/**
 * How far before the backup's time a correction is still looked for in it: the time is written to
 * the second, and moved on a few seconds when backups of the coming seconds already have names.
 */
const BACKUP_TIME_SLACK_MS = 60 * 60 * 1000;

/**
 * The store's corrections the backup does not hold, by uuid, among those saved from a little before
 * the backup was made (`madeAt`; none counted when the backup does not say when it was made).
 */
function correctionsNotIn(copy: Database, store: Database, madeAt: string | null): SavedAfter {
  const inCopy = copy.prepare('SELECT 1 FROM corrections WHERE uuid = ?');
  const recent = 'SELECT uuid, created_at AS at FROM corrections WHERE created_at > ?';
  const { count, latest } = countSince(store, recent, madeAt, (uuid) => inCopy.get(uuid) === undefined);
  return { count, latest };
}

/**
 * The other work of the desk saved since the backup that it does not hold: CEP changes queued for
 * Implanta (by uuid) and atendimentos (by protocol). A restore takes them off the desk too.
 */
function otherWorkNotIn(copy: Database, store: Database, madeAt: string | null): { cepChanges: number; contacts: number } {
  const cepInCopy = copy.prepare('SELECT 1 FROM cep_changes WHERE uuid = ?');
  const contactInCopy = copy.prepare('SELECT 1 FROM contacts WHERE protocol = ?');
  const cepChanges = countSince(store, 'SELECT uuid, created_at AS at FROM cep_changes WHERE created_at > ?', madeAt, (uuid) => cepInCopy.get(uuid) === undefined).count;
  const contacts = countSince(store, 'SELECT protocol AS uuid, created_at AS at FROM contacts WHERE created_at > ?', madeAt, (protocol) => contactInCopy.get(protocol) === undefined).count;
  return { cepChanges, contacts };
}

/**
 * The corrections the clerk took back since the backup — cancelled, or their import undone — that it
 * still holds on their way (pending, or in a lote not sealed): restored, they go to Implanta again.
 */
function cancellationsNotIn(copy: Database, store: Database, madeAt: string | null): SavedAfter {
  const onTheirWay = copy.prepare("SELECT 1 FROM corrections WHERE uuid = ? AND status IN ('pending', 'batched')");
  const cancelled = "SELECT uuid, status_changed_at AS at FROM corrections WHERE status = 'cancelled' AND status_changed_at > ?";
  const byUndo = copy
    .prepare(
      `SELECT count(*) FROM corrections c JOIN imports i ON i.id = c.import_id
       WHERE i.id = ? AND i.sha256 = ? AND i.undone_at IS NULL AND c.status IN ('pending', 'batched')`,
    )
    .pluck();
  const undone = store.prepare('SELECT id, sha256, undone_at AS at FROM imports WHERE undone_at > ?');
  const taken = countSince(store, cancelled, madeAt, (uuid) => onTheirWay.get(uuid) !== undefined);
  if (taken.since === null) return { count: 0, latest: null };
  let { count, latest } = taken;
  for (const { id, sha256, at } of undone.iterate(taken.since) as Iterable<{ id: number; sha256: string; at: string }>) {
    const back = byUndo.get(id, sha256) as number;
    if (back === 0) continue;
    count += back;
    if (latest === null || at > latest) latest = at;
  }
  return { count, latest };
}

/**
 * The store's rows `recent` finds from a little before `madeAt` (`since`, null when the backup does
 * not say when it was made) that `counts`: how many, and the latest time.
 */
function countSince(store: Database, recent: string, madeAt: string | null, counts: (uuid: string) => boolean): SavedAfter & { since: string | null } {
  const time = madeAt === null ? Number.NaN : Date.parse(madeAt) - BACKUP_TIME_SLACK_MS;
  if (Number.isNaN(time)) return { count: 0, latest: null, since: null };
  const since = new Date(time).toISOString();
  let count = 0;
  let latest: string | null = null;
  for (const { uuid, at } of store.prepare(recent).iterate(since) as Iterable<{ uuid: string; at: string }>) {
    if (!counts(uuid)) continue;
    count++;
    if (latest === null || at > latest) latest = at;
  }
  return { count, latest, since };
}

/**
 * The store's region and desk against the copy's (db/backups/deskIdentity.ts), and what restoring the
 * copy undoes of it: the lotes that left as they left (db/batches/undoneLotes.ts), and the
 * corrections saved since — read on one connection.
 */
function undoneBy(
  copy: Database,
  storePath: string,
  backup: { madeAt: string | null; region: number | null },
): { region: number | null; desks: ReturnType<typeof deskChange>; undoneLotes: UndoneLote[]; correctionsAfter: SavedAfter; cancelledAfter: SavedAfter; otherAfter: { cepChanges: number; contacts: number } } {
  const { madeAt } = backup;
  const store = openStoreReader(storePath);
  try {
    const lotesOut = lotesThatLeft(store);
    const region = getSettings(store)?.region ?? null;
    return {
      region,
      desks: deskChange(copy, store, region !== null && backup.region !== null && region !== backup.region),
      undoneLotes: lotesOut.length === 0 ? [] : lotesUndoneBy(copy, lotesOut),
      correctionsAfter: correctionsNotIn(copy, store, madeAt),
      cancelledAfter: cancellationsNotIn(copy, store, madeAt),
      otherAfter: otherWorkNotIn(copy, store, madeAt),
    };
  } finally {
    store.close();
  }
}

export async function prepareRestore(input: VerifyInput, context: JobContext): Promise<RestorePrepared> {
  removeStalePrepared(context.storePath);
  const preparedPath = preparedPathFor(context.storePath);
  let keep = false;
  try {
    const verification = await verifyBackupFile(input, context, preparedPath);
    if (!verification.valid) {
      const newer = verification.problems.find((p) => p.code === 'DB_SCHEMA_NEWER');
      if (newer) throw new AppError('BACKUP_NEWER', `${newer.message} Nada foi alterado.`, { details: verification.problems });
      // An intact backup of another key: the key is missing, the backup did not fail.
      const key = verification.problems.find((p) => p.code === 'DB_KEY');
      if (key && verification.problems.length === 1) throw new AppError('STORE_KEY', `${key.message} Nada foi alterado.`, { details: verification.problems });
      throw new AppError('BACKUP_INVALID', `O backup não passou na verificação e não será restaurado: ${verification.problems[0]?.message ?? ''}`, {
        details: verification.problems,
      });
    }
    const schemaVersion = verification.schemaVersion as number;
    let migratedFrom: number | null = null;
    let preparedVersion = schemaVersion;
    let undone: ReturnType<typeof undoneBy>;
    if (schemaVerdict(schemaVersion) === 'older') {
      context.progress({ phase: 'migrate', label: 'Atualizando a cópia para esta versão…', done: 0, total: null });
      // Its version is read on the connection that migrated it: a read-only look afterwards would
      // leave the copy's -wal and -shm behind, beside the store, once the copy is swapped in.
      const migrated = openStore({ path: preparedPath, create: false, adoptOtherKey: true });
      preparedVersion = migrated.schemaVersion;
      try {
        undone = undoneBy(migrated.db, context.storePath, { madeAt: verification.createdAt, region: verification.region });
      } finally {
        migrated.close();
      }
      migratedFrom = schemaVersion;
    } else {
      // Read without writing it: the copy is in rollback-journal mode.
      const copy = readBackupCopy(preparedPath);
      try {
        undone = undoneBy(copy, context.storePath, { madeAt: verification.createdAt, region: verification.region });
      } finally {
        copy.close();
      }
    }
    const { region, desks, undoneLotes, correctionsAfter, cancelledAfter, otherAfter } = undone;
    keep = true;
    return {
      file: verification.file,
      preparedPath,
      region: verification.region,
      encrypted: verification.encrypted,
      currentRegion: region,
      otherRegion: region !== null && verification.region !== null && region !== verification.region,
      ...desks,
      schemaVersion: preparedVersion,
      migratedFrom,
      // Only a copy for Implanta holds its database under the passphrase (docs/backups.md, "Keys").
      implantaCopy: verification.unlockedWith === 'passphrase',
      createdAt: verification.createdAt,
      counts: verification.counts ?? {},
      correctionsAfter,
      cancelledAfter,
      otherAfter,
      undoneLotes: undoneLotes.map(({ number, uuid, state, sentAt, items, answered, stateNow, answeredNow }) => ({ number, uuid, state, sentAt, items, answered, stateNow, answeredNow })),
    };
  } finally {
    if (!keep) {
      rmSync(preparedPath, { force: true });
      rmSync(`${preparedPath}-wal`, { force: true });
      rmSync(`${preparedPath}-shm`, { force: true });
    }
  }
}

/** `cress-desk.before-restore-20261124-153000.sqlite` (a number is added if that name is taken). */
function asidePathFor(storePath: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const stem = basename(storePath).replace(/\.sqlite$/, '');
  for (let n = 1; ; n++) {
    const path = join(dirname(storePath), `${stem}.before-restore-${stamp}${n > 1 ? `-${n}` : ''}.sqlite`);
    if (!existsSync(path)) return path;
  }
}

/** A second name for the store's file: a hard link (instant), or a copy where links are impossible. */
function keepAside(storePath: string, asidePath: string): void {
  try {
    linkSync(storePath, asidePath);
  } catch {
    copyFileSync(storePath, asidePath, constants.COPYFILE_EXCL);
  }
}

function removeSidecars(path: string): void {
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
}

export interface ApplyOptions {
  prepared: RestorePrepared;
  confirmOtherRegion: boolean;
  confirmOtherDesk?: boolean;
  operator: string;
  now: Date;
}

/** What the store about to be set aside holds that the restored one keeps: its backup list, and the lotes it let out. */
interface Outgoing {
  catalog: ReturnType<typeof exportCatalog>;
  lotesOut: UndoneLote[];
}

/** Whether the prepared copy can be swapped in now; checked before the store is closed, so a refusal touches nothing. */
export function checkApplicable(storePath: string, options: Pick<ApplyOptions, 'prepared' | 'confirmOtherRegion' | 'confirmOtherDesk'>): void {
  const { prepared } = options;
  requireWritableStore(storePath);
  if (!isPreparedPath(storePath, prepared.preparedPath) || !existsSync(prepared.preparedPath)) {
    throw new AppError('BACKUP_RESTORE_NOT_READY', 'A cópia preparada para a restauração não existe mais: verifique o backup de novo.');
  }
  if (prepared.otherRegion && !options.confirmOtherRegion) {
    throw new AppError(
      'BACKUP_OTHER_REGION',
      `Este backup é do CRESS ${prepared.region}ª Região, e esta mesa é do CRESS ${prepared.currentRegion}ª Região. Confirme para restaurar assim mesmo. Nada foi alterado.`,
      { details: { region: prepared.region, currentRegion: prepared.currentRegion } },
    );
  }
  refuseOtherDesk(prepared, options.confirmOtherDesk === true);
}

/**
 * A lote that left the desk but is still under review in the backup is cancelled on the restored
 * desk, its items pending again: sealed anew it would be another package under the number and
 * identifier Implanta may already hold. It is then told as a lote not in the backup.
 */
function cancelReopenedLotes(db: Database, undone: UndoneLote[], now: Date, operator: string): UndoneLote[] {
  const openOne = db.prepare("SELECT id FROM batches WHERE uuid = ? AND state = 'open'").pluck();
  return undone.map((lote) => {
    if (lote.stateNow !== 'open') return lote;
    const id = openOne.get(lote.uuid) as number | undefined;
    if (id !== undefined) cancelBatch(db, id, now, operator);
    return { ...lote, stateNow: 'cancelled' };
  });
}

/**
 * Writes into the prepared copy what the restored store keeps of the outgoing one — its backup list,
 * the lotes it let out and the restore's own audit entry (with the lotes the restore undoes, which
 * keep their numbers from being given again) — before the copy takes the store's name: a kill
 * between the swap and these writes would leave a restored store with no record of the restore.
 * The copy is left in rollback-journal mode, so its whole content is in the file that is renamed.
 */
function recordRestore(preparedPath: string, outgoing: Outgoing, aside: string, options: ApplyOptions): { undoneLotes: UndoneLote[] } {
  const { prepared } = options;
  const copy = openStore({ path: preparedPath, create: false, adoptOtherKey: true });
  try {
    // One transaction: a copy that failed halfway holds none of it (the window may apply it again).
    const undoneLotes = writeTransaction(copy.db, () => {
      importCatalog(copy.db, outgoing.catalog, options.now.toISOString());
      const undone = cancelReopenedLotes(copy.db, lotesUndoneBy(copy.db, outgoing.lotesOut), options.now, options.operator);
      appendAudit(copy.db, {
        at: options.now.toISOString(),
        operator: options.operator,
        action: 'backup.restore',
        entity: 'backup',
        entityId: basename(prepared.file),
        detail: {
          file: prepared.file,
          previousStore: aside,
          schemaVersion: prepared.schemaVersion,
          migratedFrom: prepared.migratedFrom,
          undoneLotes: undone,
          // This desk became the backup's: the trail says which it was.
          ...(prepared.deskChanges ? { desk: prepared.desk, previousDesk: prepared.currentDesk } : {}),
        },
      });
      return undone;
    });
    copy.db.pragma('wal_checkpoint(TRUNCATE)');
    copy.db.pragma('journal_mode = DELETE');
    return { undoneLotes };
  } finally {
    copy.close();
    removeSidecars(preparedPath);
  }
}

/**
 * Under an exclusive claim on the store: reads what the restored store keeps of it (read under the
 * claim, a backup another process recorded a moment ago is in the list) and records it in the copy,
 * folds the store's log in, leaves WAL mode (so that letting the claim go touches no -wal file by
 * name, which after the rename belongs to the restored store), keeps it aside and renames the
 * prepared copy over it. Answers the aside path and the lotes the restore undid.
 */
function swapIn(storePath: string, options: ApplyOptions): { aside: string; undoneLotes: UndoneLote[] } {
  const claim = claimStoreAlone(storePath);
  const aside = asidePathFor(storePath, options.now);
  let recorded: { undoneLotes: UndoneLote[] };
  try {
    recorded = recordRestore(options.prepared.preparedPath, { catalog: exportCatalog(claim.db), lotesOut: lotesThatLeft(claim.db) }, aside, options);
    claim.db.pragma('wal_checkpoint(TRUNCATE)');
    claim.db.pragma('journal_mode = DELETE');
    keepAside(storePath, aside);
    syncFolderSync(dirname(storePath));
    removeSidecars(storePath);
    renameInPlaceSync(options.prepared.preparedPath, storePath);
  } catch (error) {
    rmSync(aside, { force: true });
    throw storeError(error, storePath);
  } finally {
    claim.release();
  }
  syncFolderSync(dirname(storePath));
  return { aside, undoneLotes: recorded.undoneLotes };
}

/**
 * Swaps the prepared copy in. Runs with the store closed (Desk.withStoreClosed gives `storePath`).
 * On failure the store is exactly as before and the error is rethrown.
 */
export function applyRestore(storePath: string, options: ApplyOptions): RestoreApplied {
  const { prepared } = options;
  checkApplicable(storePath, options);
  const { aside, undoneLotes } = swapIn(storePath, options);
  try {
    const store = openStore({ path: storePath, create: false, adoptOtherKey: true });
    try {
      // The backup just passed a full verification: the list says so.
      noteVerification(
        storePath,
        { file: prepared.file, valid: true, problems: [], encrypted: prepared.encrypted, region: prepared.region, schemaVersion: prepared.migratedFrom ?? prepared.schemaVersion, createdAt: prepared.createdAt, counts: prepared.counts },
        options.now.toISOString(),
      );
      return { file: prepared.file, previousStore: aside, schemaVersion: store.schemaVersion, counts: prepared.counts, undoneLotes };
    } finally {
      store.close();
    }
  } catch (error) {
    // Put the store back: the aside name still holds its file.
    removeSidecars(storePath);
    const back = `${aside}.back`;
    keepAside(aside, back);
    renameInPlaceSync(back, storePath);
    syncFolderSync(dirname(storePath));
    rmSync(aside, { force: true });
    throw storeError(error, storePath);
  }
}

/** Throws away a prepared copy. */
export function discardPrepared(storePath: string, preparedPath: string): boolean {
  if (!isPreparedPath(storePath, preparedPath) || !existsSync(preparedPath)) return false;
  rmSync(preparedPath, { force: true });
  removeSidecars(preparedPath);
  return true;
}
