// Verifying a backup file (a job): the zip opens (with the passphrase, if encrypted), the bag is
// complete and valid, and the database in it — copied out while its checksum is computed, in the
// same pass — passes integrity_check, has a schema this app knows and the row counts bag-info.txt
// declares (read while the check runs on its own thread); and the desk's signature (signature.ts)
// holds. Each failure is its own problem with a stable code and a Portuguese message.
import { randomBytes } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupProblem, BackupVerification } from '../../shared/contract/backups';
import { AppError } from '../../shared/errors';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { openJobConnection } from '../connections';
import type { JobContext } from '../jobs/types';
import { bagInfoValue, validateBag, ZipError, ZipReader, zipBagSource, type BagSource } from '../packaging';
import { recordBackup, recordedCreatedAt, recordVerification } from './catalog';
import { backupZipProblem, batchPackageProblem, BYTES_AFTER_END_PROBLEM, hasBytesAfterEnd, NOT_A_ZIP_PROBLEM, notAFileProblem, otherZipProblem, startsAsZip, zipOpenError } from './errors';
import { startIntegrityCheck } from './integrity';
import { BACKUP_PAYLOAD, parseBackupFileName } from './names';
import { checkBackupSignature } from './signature';
import { secretOpening } from './integrity';
import { keyPragmaValue, type CopySecret } from '../copySecrets';
import { openBackupCopy } from '../connections';
import { isPlainDatabaseFile } from '../plainFiles';
import { currentStoreKey, readRecoveryKey } from '../storeKey';
import { inspectCopy, schemaVerdict, type CopyFacts } from './snapshot';
import { KNOWN_SCHEMA_VERSION } from '../migrate';
import { diskFullError, isDiskFullError } from '../storeLock';
import { specialFileKind } from '../specialFiles';

const PAYLOAD_PATH = `data/${BACKUP_PAYLOAD}`;
const REQUIRED_INFO = ['Source-Organization', 'External-Identifier', 'Payload-Oxum', 'Schema-Version', 'CRESS-Region'];
/** A backup holds a handful of files; its database can be large. */
const LIMITS = { maxEntries: 100, maxTotalBytes: 256 * 1024 ** 3 };

export interface VerifyInput {
  file: string;
  passphrase: string | null;
  /** A recovery key file, for a backup whose database another desk's key (or this one's before a reinstall) encrypted. */
  keyFile?: string | null;
}

export interface VerifiedCopy extends BackupVerification {
  /** The database copied out of the backup (only when `keepCopyAt` was given and the backup is valid). */
  copyPath: string | null;
}

/**
 * Copies a payload file out while the validator reads it. A failure to write the copy (a full
 * disk) is kept apart: it says nothing about the backup, which must not be called damaged for it.
 */
function teeing(source: BagSource, path: string, into: string): { source: BagSource; complete: () => boolean; writeError: () => unknown } {
  let complete = false;
  let writeError: unknown = null;
  const written = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (error) {
      writeError = error;
      throw error;
    }
  };
  return {
    complete: () => complete,
    writeError: () => writeError,
    source: {
      files: source.files,
      read: (p) =>
        p !== path
          ? source.read(p)
          : (async function* () {
              const file = await written(() => open(into, 'wx'));
              try {
                for await (const chunk of source.read(p)) {
                  await written(() => writeWhole(file, chunk));
                  yield chunk;
                }
                await written(() => file.sync());
                complete = true;
              } finally {
                await file.close();
              }
            })(),
    },
  };
}

/**
 * Writes all of `chunk`: a nearly full disk may take part of a write without an error, and only the
 * next write says ENOSPC — a copy must never be left short without the write failing.
 */
async function writeWhole(file: FileHandle, chunk: Buffer): Promise<void> {
  for (let at = 0; at < chunk.length; ) {
    const { bytesWritten } = await file.write(chunk, at, chunk.length - at);
    if (bytesWritten === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    at += bytesWritten;
  }
}

function rowCountsOf(info: { label: string; value: string }[]): Record<string, number> | null {
  const counts: Record<string, number> = {};
  for (const field of info.filter((f) => f.label.toLowerCase() === 'row-count')) {
    const match = /^(\S+)\s+(\d+)$/.exec(field.value);
    if (match) counts[match[1]!] = Number(match[2]);
  }
  return Object.keys(counts).length > 0 ? counts : null;
}

/**
 * Verifies `input.file`. A wrong or missing passphrase throws (it says nothing about the file);
 * everything else wrong with the file is a problem in the answer. With `keepCopyAt`, a valid
 * backup's database is left at that path (restore); otherwise the copy is removed.
 */
export async function verifyBackupFile(input: VerifyInput, context: JobContext, keepCopyAt: string | null = null): Promise<VerifiedCopy> {
  const file = resolve(input.file);
  const storeDir = dirname(context.storePath);
  const copyPath = keepCopyAt ?? join(storeDir, `.${basename(context.storePath)}.verify-${randomBytes(6).toString('hex')}`);
  const answer = (found: BackupProblem[], extra: Partial<VerifiedCopy> = {}): VerifiedCopy => {
    // A damaged tag file is read by more than one check: each problem is told once.
    const problems = found.filter((p, at) => found.findIndex((q) => q.code === p.code && q.message === p.message) === at);
    return {
      file,
      valid: problems.length === 0,
      problems,
      encrypted: false,
      region: null,
      schemaVersion: null,
      createdAt: parseBackupFileName(basename(file))?.createdAt.toISOString() ?? null,
      counts: null,
      copyPath: null,
      ...extra,
    };
  };

  // A key file that is not one is refused before anything is read: it is the clerk's mistake, not the backup's.
  const recoveryKey = input.keyFile ? readRecoveryKey(input.keyFile) : null;
  context.progress({ phase: 'open', label: 'Abrindo o backup…', done: 0, total: null });
  // A device or a named pipe is no backup: read, it would look like a copy cut short, or never end.
  // Nor is a link (to /etc/shadow, to another file): it is never followed.
  const found = lstatSync(file, { throwIfNoEntry: false });
  if (found && !found.isFile() && !found.isDirectory()) return answer([notAFileProblem(file, specialFileKind(found))]);
  let zip: ZipReader;
  try {
    zip = await ZipReader.open(file, { password: input.passphrase, limits: LIMITS });
  } catch (error) {
    const mapped = zipOpenError(error, file);
    if (mapped instanceof ZipError) return answer([notOpenedProblem(mapped, file)]);
    throw mapped;
  }
  let keep = false;
  try {
    try {
      await zip.checkPassword();
    } catch (error) {
      const mapped = zipOpenError(error, file);
      if (mapped instanceof ZipError) return answer([backupZipProblem(mapped)], { encrypted: zip.encrypted });
      throw mapped;
    }
    const encrypted = zip.encrypted;
    const bag = zipBagSource(zip);
    const otherPackage = batchPackageProblem(bag.source.files.map((f) => f.path));
    if (otherPackage) return answer([otherPackage], { encrypted });
    const otherZip = otherZipProblem(zip.entries.map((e) => e.name));
    if (otherZip) return answer([otherZip], { encrypted });
    const payloadSize = bag.source.files.find((f) => f.path === PAYLOAD_PATH)?.size ?? 0;
    const tee = teeing(bag.source, PAYLOAD_PATH, copyPath);
    const validation = await validateBag(tee.source, {
      requiredInfo: REQUIRED_INFO,
      onProgress: (done) => {
        if (context.cancelled()) throw new AppError('JOB_CANCELLED', 'Operação cancelada.');
        context.progress({ phase: 'read', label: 'Conferindo se o backup está completo…', done, total: payloadSize, unit: 'bytes' });
      },
    });
    const copyFailed = tee.writeError();
    if (copyFailed) {
      if (isDiskFullError(copyFailed, storeDir)) throw diskFullError(storeDir, 'Nada foi alterado; o backup não foi afetado.');
      throw copyFailed;
    }
    const databaseMissing = !bag.source.files.some((f) => f.path === PAYLOAD_PATH);
    const problems: BackupProblem[] = databaseMissing ? withoutMissingDatabase([...bag.problems, ...validation.problems], validation.info) : [...bag.problems, ...validation.problems];
    const declaredCounts = rowCountsOf(validation.info);
    const declaredRegion = Number(bagInfoValue(validation.info, 'CRESS-Region')) || null;
    const madeAt = backupCreatedAt(validation.info);
    const base = { encrypted, region: declaredRegion, counts: declaredCounts, ...(madeAt ? { createdAt: madeAt } : {}) };
    const swapped = swappedProblem(context.storePath, file, madeAt, bagInfoValue(validation.info, 'External-Identifier'));
    if (swapped) problems.push(swapped);
    if (databaseMissing) {
      problems.push({
        code: 'DB_MISSING',
        message: `O backup não contém o banco de dados (${PAYLOAD_PATH}): o arquivo foi retirado do pacote, e sem ele não há o que restaurar. Use outro backup.`,
        path: PAYLOAD_PATH,
      });
    }
    if (problems.length > 0 || !tee.complete()) return answer(problems, base);

    // The database itself: first, what opens it (the bytes are intact, as the checksums just said:
    // a backup of another desk, or of this one before a reinstall, is not damaged).
    const opening = secretOpening(copyPath, secretsGiven(input, recoveryKey));
    // A passphrase that opened the zip was the right one: only a plain zip's database could have been under it.
    if (!opening) return answer([keyProblem(recoveryKey !== null, input.passphrase !== null && !encrypted)], base);
    const { secret } = opening;
    const unlockedWith = unlockedBy(secret, copyPath);
    context.progress({ phase: 'check', label: 'Conferindo a integridade do banco de dados…', done: 0, total: null });
    // The check runs on its own thread while the facts are read here; they count only for a sound copy.
    const check = startIntegrityCheck(copyPath, secret);
    let facts: CopyFacts | null = null;
    let unreadable: unknown = null;
    try {
      facts = inspectCopy(copyPath, secret);
    } catch (error) {
      unreadable = error;
    }
    const integrity = await check.result;
    if (integrity.length > 0) {
      return answer([{ code: 'DB_INTEGRITY', message: `O banco de dados do backup está danificado: ${integrity.slice(0, 3).join('; ')}.`, path: PAYLOAD_PATH }], base);
    }
    if (facts === null) throw unreadable;
    const verdict = schemaVerdict(facts.schemaVersion);
    const found = { ...base, region: facts.region ?? declaredRegion, schemaVersion: facts.schemaVersion, counts: facts.counts, unlockedWith };
    if (verdict === 'foreign') {
      return answer([{ code: 'DB_SCHEMA_UNKNOWN', message: 'O banco de dados do backup não é do CRESS Desk (esquema desconhecido).', path: PAYLOAD_PATH }], found);
    }
    if (verdict === 'newer') {
      return answer(
        [
          {
            code: 'DB_SCHEMA_NEWER',
            message: `O backup foi feito por uma versão mais nova do CRESS Desk (esquema ${facts.schemaVersion}; esta versão conhece até ${KNOWN_SCHEMA_VERSION}). Atualize o aplicativo para usá-lo.`,
            path: PAYLOAD_PATH,
          },
        ],
        found,
      );
    }
    if (declaredCounts) {
      const differing = Object.entries(declaredCounts).filter(([table, rows]) => facts.counts[table] !== rows);
      if (differing.length > 0) {
        return answer(
          [
            {
              code: 'DB_COUNTS_MISMATCH',
              message: `As contagens do banco não conferem com bag-info.txt: ${differing.map(([t, n]) => `${t} ${facts.counts[t] ?? 0} (declarado ${n})`).join(', ')}.`,
              path: PAYLOAD_PATH,
            },
          ],
          found,
        );
      }
    }
    // The desk's signature: recomputed manifests are caught here on the desk that made the backup.
    const { signature, problem } = await checkBackupSignature(bag.source, copyPath, facts.schemaVersion, secret);
    if (problem) return answer([problem], { ...found, signature });
    keep = keepCopyAt !== null;
    // A copy kept to take the store's place is encrypted with this desk's key before anything else opens it.
    if (keep && secret) rekeyToDesk(copyPath, secret);
    return answer([], { ...found, signature, copyPath: keep ? copyPath : null });
  } finally {
    await zip.close();
    if (!keep) await rm(copyPath, { force: true });
  }
}

/**
 * The bag's own words for a database taken out of the backup — its file missing from the manifest's
 * list, and the payload's declared size that no longer adds up for that one file — left out: the
 * database's absence is one problem, told once (DB_MISSING). Anything else wrong stays.
 */
function withoutMissingDatabase(problems: BackupProblem[], info: Parameters<typeof bagInfoValue>[0]): BackupProblem[] {
  const missing = problems.filter((p) => p.code === 'PAYLOAD_MISSING');
  const declaredFiles = Number(/^\d+\.(\d+)$/.exec(bagInfoValue(info, 'Payload-Oxum') ?? '')?.[1] ?? Number.NaN);
  const onlyTheDatabase = missing.length === 1 && missing[0]?.path === PAYLOAD_PATH;
  return problems.filter((p) => {
    if (p.code === 'PAYLOAD_MISSING') return p.path !== PAYLOAD_PATH;
    // The declared payload was the database alone: with it gone, the mismatch says nothing more.
    if (p.code === 'OXUM_MISMATCH') return !(onlyTheDatabase && declaredFiles === 1);
    return true;
  });
}

/** Why a file did not open as a zip: another file, bytes added after its end, or a copy cut short or damaged. */
function notOpenedProblem(error: ZipError, file: string): BackupProblem {
  if (error.code !== 'ZIP_NOT_A_ZIP') return backupZipProblem(error);
  if (!startsAsZip(file)) return NOT_A_ZIP_PROBLEM;
  return hasBytesAfterEnd(file) ? BYTES_AFTER_END_PROBLEM : backupZipProblem(error);
}

/** When the backup was made, as its bag says (a file may have been renamed since). */
function backupCreatedAt(info: Parameters<typeof bagInfoValue>[0]): string | null {
  const at = Date.parse(bagInfoValue(info, 'Backup-Created') ?? '');
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/**
 * The desk wrote a backup under this file's name, and the file holds another one: a backup put in
 * its place. Its bag says when it was made; a renamed copy the list never knew is not refused.
 */
function swappedProblem(storePath: string, file: string, madeAt: string | null, identifier: string | undefined): BackupProblem | null {
  const recorded = recordedCreatedAt(storePath, file);
  if (recorded === null || madeAt === null || Math.floor(Date.parse(recorded) / 1000) === Math.floor(Date.parse(madeAt) / 1000)) return null;
  const holds = identifier ? `o backup ${identifier}.zip` : `um backup feito em ${formatDateTimeBr(madeAt)}`;
  return {
    code: 'BACKUP_REPLACED',
    message: `Este arquivo não é o backup que esta mesa gravou como ${basename(file)}: ele contém ${holds}. Nada foi alterado. Se a troca foi de propósito, dê ao arquivo o nome dele e confira de novo.`,
  };
}

/** What else may open a backup's database besides this desk's key: the recovery key given, the passphrase. */
function secretsGiven(input: VerifyInput, recoveryKey: Buffer | null): CopySecret[] {
  const secrets: CopySecret[] = [];
  if (recoveryKey) secrets.push({ raw: recoveryKey });
  if (input.passphrase !== null) secrets.push({ passphrase: input.passphrase });
  return secrets;
}

function unlockedBy(secret: CopySecret | undefined, copyPath: string): NonNullable<BackupVerification['unlockedWith']> {
  if (secret === undefined) return isPlainDatabaseFile(copyPath) ? 'plain' : 'desk';
  return 'raw' in secret ? 'recoveryKey' : 'passphrase';
}

/** Neither this desk's key nor what the clerk gave opens the database: the file is intact, the key is not the one. */
function keyProblem(triedKeyFile: boolean, triedPassphrase: boolean): BackupProblem {
  const tried = triedKeyFile ? ' A chave de recuperação informada também não abre este banco.' : '';
  const passphrase = triedPassphrase && !triedKeyFile ? ' (nem a senha informada)' : '';
  return {
    code: 'DB_KEY',
    message:
      `Chave do banco ausente ou incorreta: o banco deste backup está criptografado com outra chave${passphrase} (de outro computador, ou deste antes de uma reinstalação).${tried} ` +
      'O arquivo está íntegro: as somas de verificação conferem. Para usá-lo, informe o arquivo da chave de recuperação daquele banco.',
    path: PAYLOAD_PATH,
  };
}

/** Re-encrypts a copy opened with another secret with this desk's key (SQLite rewrites every page). */
function rekeyToDesk(copyPath: string, secret: CopySecret): void {
  const key = currentStoreKey();
  const db = openBackupCopy(copyPath, secret);
  try {
    db.pragma(`rekey = ${key ? keyPragmaValue({ raw: key }) : "''"}`);
  } finally {
    db.close();
  }
}

/** The verify job: verification plus its mark in the list. */
export async function verifyBackup(input: VerifyInput, context: JobContext): Promise<BackupVerification> {
  const { copyPath: _unused, ...verification } = await verifyBackupFile(input, context);
  noteVerification(context.storePath, verification, context.nowIso());
  return verification;
}

/** Marks the backup verified (or not) in the list; a sound backup the list did not know joins it. */
export function noteVerification(storePath: string, v: BackupVerification, nowIso: string): void {
  const db = openJobConnection(storePath);
  try {
    if (recordVerification(db, v.file, v.valid, nowIso) || !v.valid || v.region === null || v.schemaVersion === null || v.counts === null) return;
    // A copy for Implanta (its database under the passphrase) is not one of the desk's backups: never listed.
    if (v.unlockedWith === 'passphrase') return;
    recordBackup(db, {
      path: v.file,
      createdAt: v.createdAt ?? nowIso,
      bytes: 0,
      sha256: '',
      encrypted: v.encrypted,
      region: v.region,
      schemaVersion: v.schemaVersion,
      counts: v.counts,
      trigger: 'found',
      operator: null,
      verifiedAt: nowIso,
      verifyOk: true,
    });
  } finally {
    db.close();
  }
}
