// Creating a backup (a job): an online snapshot of the live store (its file copied as it is, see
// snapshot.ts; beside it, or on the destination's disk when the store's disk has no room for it),
// then — at the same time — SQLite's integrity_check of the copy on its own thread, while its schema
// and row counts are read and the zip (a BagIt bag; the encrypted database stored, a plain one
// deflated at level 1; optionally AES-256) is written under a partial name in the destination.
// Only a copy that passed both gets the final name (fsync, rename, fsync folder). A crash or kill at
// any moment leaves no file under a final name but a whole, verified backup.
import { signerOf } from '../session';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, realpathSync, statfsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { BackupCreated, BackupTrigger } from '../../shared/contract/backups';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { openBackupCopy, openJobConnection, openStoreReader } from '../connections';
import { keyPragmaValue, type CopySecret } from '../copySecrets';
import { privateFolder } from '../fileModes';
import { isPlainDatabaseFile } from '../plainFiles';
import { jobCancelled } from '../jobs/cancel';
import { isDiskFullError, isReadOnlyError, isWriteRefusedError } from '../storeLock';
import type { JobContext } from '../jobs/types';
import { isoDateLocal, removeStalePartials, writeAtomically, writeBagZip, type BagInfoField } from '../packaging';
import { getBackupSettings, pruneBackups, recordBackup } from './catalog';
import { destinationError } from './errors';
import { startIntegrityCheck, type IntegrityRun } from './integrity';
import { stripForImplanta } from './implantaCopy';
import { BACKUP_PAYLOAD, backupFileName, freeBackupName, implantaCopyFileName, localIsoWithOffset } from './names';
import { backupSigner, sealCopy } from './signature';
import { inspectCopy, schemaVerdict, snapshotStore, SnapshotCancelled, type CopyFacts } from './snapshot';
import { removeLeftSnapshots, snapshotPathIn } from './snapshotNames';
import { dropUnrecorded } from './unrecorded';
import { writeTransaction } from '../storeLock';

export interface CreateBackupInput {
  /** Destination folder; null: the routine's folder (created when it is the default one). */
  folder: string | null;
  passphrase: string | null;
  trigger: BackupTrigger;
  appVersion: string;
  /** A copy for Implanta to read: the database inside is encrypted with the passphrase, not the desk's key. */
  forImplanta?: boolean;
}

/** The shortest passphrase a copy for Implanta takes: it alone protects the data once the file leaves the council. */
export const IMPLANTA_PASSPHRASE_MIN = 12;

/** Deflate level 1: a third of the size at a fraction of level 6's time (see docs/backups.md). */
export const BACKUP_ZIP_LEVEL = 1;
const STALE_MS = 15 * 60_000;
const MB = 1024 * 1024;
/** SQLite's default page size, which the store keeps: only used to show megabytes copied. */
const PAGE_SIZE = 4096;

function bagInfo(facts: CopyFacts & { region: number }, fileRoot: string, appVersion: string, createdAt: Date, forImplanta: boolean, encrypted: boolean): BagInfoField[] {
  const description = forImplanta
    ? 'Cópia do banco de dados do CRESS Desk para a Implanta (SQLite criptografado no formato SQLCipher 4; abre com a senha combinada com o Conselho)'
    : 'Backup do banco de dados do CRESS Desk (SQLite)';
  return [
    { label: 'Source-Organization', value: `CRESS ${facts.region}ª Região` },
    { label: 'External-Identifier', value: fileRoot },
    { label: 'External-Description', value: description },
    { label: 'Bag-Software-Agent', value: `CRESS Desk ${appVersion}` },
    { label: 'CRESS-Desk-Version', value: appVersion },
    { label: 'Schema-Version', value: String(facts.schemaVersion) },
    { label: 'CRESS-Region', value: String(facts.region) },
    // A council employee's name is personal data: only inside a zip a passphrase encrypts, never in a plain bag-info.txt anyone may read.
    ...(encrypted ? [{ label: 'Operator', value: facts.operator ?? '' }] : []),
    // Which desk of the CRESS the copy for Implanta comes from (the head office says none).
    ...(forImplanta && facts.seccional ? [{ label: 'CRESS-Seccional', value: facts.seccional }] : []),
    { label: 'Backup-Created', value: localIsoWithOffset(createdAt) },
    ...Object.entries(facts.counts).map(([table, rows]) => ({ label: 'Row-Count', value: `${table} ${rows}` })),
  ];
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: MB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Where the backup goes: a chosen folder must exist; the routine's default one is created. */
function destination(input: CreateBackupInput, storePath: string): string {
  const db = openStoreReader(storePath);
  let settings;
  try {
    settings = getBackupSettings(db);
  } finally {
    db.close();
  }
  const folder = resolve(input.folder ?? settings.folder);
  if (input.folder === null && folder === resolve(settings.defaultFolder)) privateFolder(folder); // 0700, also when an older version made it 0755
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    throw destinationError(error, folder);
  }
  if (!isFolder) throw new AppError('BACKUP_DESTINATION', `"${folder}" não é uma pasta. Escolha uma pasta para o backup.`, { details: { folder } });
  return folder;
}

/** A backup in the store's own folder is lost with the store's disk: said when it is written there. */
function besideStoreWarning(folder: string, storePath: string): string | null {
  const real = (path: string): string => {
    try {
      return realpathSync(path);
    } catch {
      return resolve(path);
    }
  };
  if (real(folder) !== real(dirname(storePath))) return null;
  return `O backup foi gravado na mesma pasta do banco de dados (${folder}): se este disco falhar, o backup se perde junto com os dados, porque está no mesmo disco. Copie-o para outro disco ou um pendrive, ou escolha outra pasta para os backups.`;
}

/** Free bytes on the disk of `folder` (0 when unknown). */
function roomIn(folder: string): number {
  try {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  } catch {
    return 0;
  }
}

/**
 * Where the snapshot goes: beside the store, so a plain copy of the data never lands on a
 * pendrive, when its disk has room for one more store; otherwise on the destination's disk — a
 * full store disk must not stop a backup to another disk. Either way under a partial name that
 * the next backup removes if this one is killed.
 */
export function snapshotPathFor(storePath: string, folder: string): string {
  const sizes = ['', '-wal'].map((suffix) => statSync(`${storePath}${suffix}`, { throwIfNoEntry: false })?.size ?? 0);
  const needed = sizes.reduce((sum, size) => sum + size, 0) + 64 * MB;
  const home = roomIn(dirname(storePath)) >= needed ? dirname(storePath) : folder;
  return snapshotPathIn(home, storePath);
}

export async function createBackup(input: CreateBackupInput, context: JobContext): Promise<BackupCreated> {
  const forImplanta = input.forImplanta === true;
  if (forImplanta && (input.passphrase ?? '').length < IMPLANTA_PASSPHRASE_MIN) {
    throw new AppError(
      'INPUT_INVALID',
      `A cópia para a Implanta precisa de uma senha de pelo menos ${IMPLANTA_PASSPHRASE_MIN} caracteres, combinada com a Implanta por outro meio (telefone, pessoalmente): nada foi gravado.`,
    );
  }
  const startedAt = new Date(context.nowIso());
  const folder = destination(input, context.storePath);
  await removeStalePartials(folder, STALE_MS);
  await removeStalePartials(dirname(context.storePath), STALE_MS);
  for (const place of [folder, dirname(context.storePath)]) removeLeftSnapshots(place, context.storePath);

  // 1. The snapshot (see snapshotPathFor).
  const snapshot = snapshotPathFor(context.storePath, folder);
  let early: IntegrityRun | null = null;
  try {
    context.progress({ phase: 'snapshot', label: 'Copiando os dados…', done: 0, total: null });
    try {
      await snapshotStore(context.storePath, snapshot, {
        cancelled: context.cancelled,
        onProgress: ({ done, total }) => {
          context.progress({ phase: 'snapshot', label: 'Copiando os dados…', done: done * PAGE_SIZE, total: total * PAGE_SIZE, unit: 'bytes' });
        },
      });
    } catch (error) {
      if (error instanceof SnapshotCancelled) throw jobCancelled();
      throw destinationError(error, dirname(snapshot));
    }

    // 2. What the copy holds (its last unsealed rows sealed first, as the store's next entry does).
    if (forImplanta) stripForImplanta(snapshot);
    sealCopy(snapshot);
    // A routine backup's copy is final once sealed: its check starts now, on its own thread, while
    // its facts are read here. A copy for Implanta is checked once re-encrypted.
    early = forImplanta ? null : startIntegrityCheck(snapshot);
    const facts = inspectCopy(snapshot);
    if (facts.region === null) throw new AppError('SETUP_REQUIRED', 'Configure a mesa antes de fazer um backup: escolha o CRESS e o nome do operador.');
    const verdict = schemaVerdict(facts.schemaVersion);
    if (verdict === 'foreign' || verdict === 'newer') {
      throw new AppError('BACKUP_INVALID', `A cópia dos dados tem um esquema desconhecido (versão ${facts.schemaVersion}): o backup não foi gravado.`);
    }
    const region = facts.region;
    // A copy for Implanta: the database re-encrypted with the passphrase before it is packaged.
    const secret: CopySecret | undefined = forImplanta ? { passphrase: input.passphrase! } : undefined;
    if (secret) rekeyCopy(snapshot, secret);
    const { createdAt, fileName } = freeBackupName(folder, startedAt, (at) => forImplanta ? implantaCopyFileName(region, at, facts.demo, facts.seccional) : backupFileName(region, at, facts.demo, facts.seccional));
    const root = fileName.replace(/\.zip$/, '');
    const finalPath = join(folder, fileName);
    const size = statSync(snapshot).size;

    // 3. Check and package at once; the final name only for a copy that passed.
    const sign = backupSigner(snapshot, secret); // signature.txt: the desk's key over bag-info and the manifest
    const integrity = early ?? startIntegrityCheck(snapshot, secret);
    early = null;
    const abort = new AbortController();
    let sha256: string;
    let bytes: number;
    let whole = false;
    try {
      ({ sha256, bytes } = await writeAtomically(finalPath, async (partial) => {
        const written = await writeBagZip(partial, {
          root,
          payload: [{ path: BACKUP_PAYLOAD, data: { path: snapshot } }],
          info: bagInfo({ ...facts, region }, root, input.appVersion, createdAt, forImplanta, Boolean(input.passphrase)),
          sign,
          baggingDate: isoDateLocal(createdAt),
          zip: {
            // An encrypted database is noise to deflate (it would spend the time and keep the size):
            // stored as it is. A plain one (the benchmark's plain pass) is deflated.
            method: isPlainDatabaseFile(snapshot) ? 'deflate' : 'store',
            level: BACKUP_ZIP_LEVEL,
            modifiedAt: createdAt,
            password: input.passphrase,
            signal: abort.signal,
            onProgress: (done) => {
              if (context.cancelled()) abort.abort();
              context.progress({ phase: 'package', label: 'Compactando e conferindo a cópia…', done, total: size, unit: 'bytes' });
            },
          },
        });
        whole = true;
        context.progress({ phase: 'check', label: 'Conferindo a integridade da cópia…', done: 0, total: null });
        // The zip's own digest is read while the copy's check finishes on its thread.
        const [problems, digest] = await Promise.all([integrity.result, sha256Of(partial)]);
        if (problems.length > 0) {
          throw new AppError('BACKUP_INVALID', `A cópia dos dados não passou na verificação de integridade (${problems.slice(0, 3).join('; ')}): o backup não foi gravado.`, {
            details: problems.slice(0, 20),
          });
        }
        if (context.cancelled()) throw jobCancelled();
        return { sha256: digest, bytes: written.bytes };
      }));
    } catch (error) {
      integrity.abandon();
      if (abort.signal.aborted) throw jobCancelled();
      throw destinationError(error, folder, whole);
    }

    // 4. The list, the audit trail and the routine's clean-up.
    const result: BackupCreated = {
      file: finalPath,
      fileName,
      sha256,
      bytes,
      verified: true,
      encrypted: input.passphrase !== null,
      counts: facts.counts,
      schemaVersion: facts.schemaVersion,
      region,
      createdAt: createdAt.toISOString(),
      removed: [],
    };
    const beside = forImplanta ? null : besideStoreWarning(folder, context.storePath);
    if (beside) result.warning = beside;
    try {
      const signer = signerOf(context.storePath, facts.operator); // an automatic backup with nobody at the desk: `sistema`
      result.removed = forImplanta ? (recordImplantaCopy(context.storePath, result, signer), []) : recordCreated(context.storePath, result, input.trigger, signer, folder);
    } catch (error) {
      // A store whose own disk is full or refuses the write, or that may not be written (docs/store.md,
      // "Who may write the store"), cannot list the backup: the backup itself is whole and verified,
      // which is what matters then; the list finds it in its folder.
      // Anything else (a store busy past the wait, moved or replaced) is answered as "nothing was
      // written": the backup is removed so that it is true (unrecorded.ts).
      if (!isDiskFullError(error, dirname(context.storePath)) && !isWriteRefusedError(error) && !isReadOnlyError(error)) await dropUnrecorded(finalPath, error);
    }
    return result;
  } finally {
    early?.abandon(); // a copy refused before it was packaged
    for (const file of [snapshot, `${snapshot}-wal`, `${snapshot}-shm`, `${snapshot}-journal`]) await rm(file, { force: true });
  }
}

/** Re-encrypts the snapshot with `secret` (SQLite rewrites every page: the data is never written in the clear). */
function rekeyCopy(snapshot: string, secret: CopySecret): void {
  const db = openBackupCopy(snapshot);
  try {
    db.pragma(`rekey = ${keyPragmaValue(secret)}`);
  } finally {
    db.close();
  }
}

/** A copy for Implanta is not one of the desk's backups (not listed, never pruned): only the audit trail says it was made. */
function recordImplantaCopy(storePath: string, result: BackupCreated, operator: string | null): void {
  const db = openJobConnection(storePath);
  try {
    writeTransaction(db, () =>
      appendAudit(db, {
        at: result.createdAt,
        operator: operator ?? 'sistema',
        action: 'backup.implanta',
        entity: 'backup',
        entityId: result.fileName,
        detail: { file: result.file, sha256: result.sha256, bytes: result.bytes },
      }),
    );
  } finally {
    db.close();
  }
}

/** Writes the catalog row and the audit entry, then prunes the routine's folder. */
function recordCreated(storePath: string, result: BackupCreated, trigger: BackupTrigger, operator: string | null, folder: string): string[] {
  const db = openJobConnection(storePath);
  try {
    const settings = getBackupSettings(db);
    return writeTransaction(db, () => {
      recordBackup(db, {
        path: result.file,
        createdAt: result.createdAt,
        bytes: result.bytes,
        sha256: result.sha256,
        encrypted: result.encrypted,
        region: result.region,
        schemaVersion: result.schemaVersion,
        counts: result.counts,
        trigger,
        operator,
        verifiedAt: result.createdAt,
        verifyOk: true,
      });
      appendAudit(db, {
        at: result.createdAt,
        operator: operator ?? 'sistema',
        action: 'backup.create',
        entity: 'backup',
        entityId: result.fileName,
        detail: { file: result.file, sha256: result.sha256, bytes: result.bytes, encrypted: result.encrypted, trigger },
      });
      return existsSync(folder) && resolve(folder) === resolve(settings.folder) ? pruneBackups(db, folder, result.region, settings.keepLast) : [];
    });
  } finally {
    db.close();
  }
}
