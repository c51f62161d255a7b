// The audit trail: append-only (triggers refuse UPDATE and DELETE) and hash-chained, with a
// one-row anchor holding the count and newest hash so removing the newest entries shows too. Each
// entry is also signed — an HMAC-SHA-256 chain with the desk's key, which lives outside the store
// (db/auditKey.ts) — and the entry that closes a write seals the registry rows it wrote
// (db/auditSeals.ts): recomputing the SHA-256 chain after an edit no longer passes for intact.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { AuditVerification } from '../shared/contract/audit';
import { formatCount } from '../shared/display/numbers';
import { AppError } from '../shared/errors';
import { formatDateTimeBr } from '../shared/rules/dates';
import { auditKeyPath, createAuditKey, hmacHex, missingKeyError, readAuditKey, readAuditKeyOrNull, type AuditKey } from './auditKey';
import { hasAccountColumn, machineAccount } from './auditAccount';
import { resealShortSeals, sealAll, sealPending, ZERO_DIGEST, type Digests } from './auditSeals';
import { writeTransaction } from './storeLock';
import type { auditLog } from './schema';
import type { SqlRow } from './sqlRow';
import { otherKeyProblem, uncheckableSectionNotice } from './auditKeyNotices';

export const GENESIS_HASH = '0'.repeat(64);
export const KEY_STARTED = 'audit.key_started';
export const ANCHOR_ALTERED = 'audit.anchor_altered';

export interface AuditInput {
  at: string;
  operator: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
}

/** An audit_log row as SQLite returns it (`SELECT *`). */
type AuditRow = SqlRow<typeof auditLog>;

type EntryFields = Omit<AuditRow, 'prev_hash' | 'hash' | 'mac' | 'account'> & { account?: string | null };

export interface Anchor {
  count: number;
  lastHash: string;
  keyId: string | null;
  lastMac: string | null;
  professionalsDigest: string | null;
  correctionsDigest: string | null;
  mac: string | null;
}

/** Why a key started signing the chain (detail.reason of an `audit.key_started` entry). */
export type KeyStartReason = 'upgrade' | 'unsigned' | 'other_key' | 'key_replaced';

/** The hashed fields; the computer's account joins them on entries that record it (earlier entries hash as they always did). */
function payloadOf(row: EntryFields): string {
  const fields: unknown[] = [row.id, row.at, row.operator, row.action, row.entity, row.entity_id, row.detail];
  if (row.account !== null && row.account !== undefined) fields.push(row.account);
  return JSON.stringify(fields);
}

export function entryHash(prevHash: string, row: EntryFields): string {
  return createHash('sha256').update(`${prevHash}\n${payloadOf(row)}`).digest('hex');
}

/** The entry's signature: HMAC of the previous entry's signature (the SHA-256 head where a key starts) and the entry. */
export function entryMac(key: AuditKey, prevMac: string, row: EntryFields): string {
  return hmacHex(key, `${prevMac}\n${payloadOf(row)}`);
}

export function anchorMac(key: AuditKey, anchor: Omit<Anchor, 'mac'>): string {
  return hmacHex(
    key,
    JSON.stringify(['anchor', anchor.count, anchor.lastHash, anchor.lastMac, anchor.keyId, anchor.professionalsDigest, anchor.correctionsDigest]),
  );
}

export function readAnchor(db: Database): Anchor | undefined {
  return db
    .prepare(
      `SELECT count, last_hash AS lastHash, key_id AS keyId, last_mac AS lastMac, professionals_digest AS professionalsDigest,
         corrections_digest AS correctionsDigest, mac FROM audit_anchor WHERE id = 1`,
    )
    .get() as Anchor | undefined;
}

function requireAnchor(db: Database): Anchor {
  const anchor = readAnchor(db);
  if (!anchor) throw new AppError('AUDIT_BROKEN', 'O controle do histórico de auditoria foi apagado: o CRESS Desk não grava sem ele.');
  return anchor;
}

function writeAnchor(db: Database, key: AuditKey, anchor: Omit<Anchor, 'mac'>): void {
  db.prepare(
    `UPDATE audit_anchor SET count = @count, last_hash = @lastHash, key_id = @keyId, last_mac = @lastMac,
       professionals_digest = @professionalsDigest, corrections_digest = @correctionsDigest, mac = @mac WHERE id = 1`,
  ).run({ ...anchor, mac: anchorMac(key, anchor) });
}

function digestsOf(anchor: Anchor): Digests {
  return { professionals: anchor.professionalsDigest ?? ZERO_DIGEST, corrections: anchor.correctionsDigest ?? ZERO_DIGEST };
}

/** Writes one entry signed with `key`; `newSection`: the entry where a key starts (it chains its MAC from the SHA-256 head). */
function writeEntry(db: Database, key: AuditKey, anchor: Anchor, digests: Digests, input: AuditInput, newSection: boolean): number {
  // The id AUTOINCREMENT would give, known before the insert because it is part of the hash.
  const seq = db
    .prepare("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0), coalesce((SELECT max(id) FROM audit_log), 0))")
    .pluck()
    .get() as number;
  const row: EntryFields = {
    id: seq + 1,
    at: input.at,
    operator: input.operator,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    detail: JSON.stringify(input.detail ?? {}),
    account: hasAccountColumn(db) ? machineAccount() : null,
  };
  const hash = entryHash(anchor.lastHash, row);
  const mac = entryMac(key, newSection ? anchor.lastHash : (anchor.lastMac ?? anchor.lastHash), row);
  db.prepare(
    hasAccountColumn(db)
      ? `INSERT INTO audit_log (id, at, operator, action, entity, entity_id, detail, prev_hash, hash, mac, account)
         VALUES (@id, @at, @operator, @action, @entity, @entity_id, @detail, @prev_hash, @hash, @mac, @account)`
      : `INSERT INTO audit_log (id, at, operator, action, entity, entity_id, detail, prev_hash, hash, mac)
         VALUES (@id, @at, @operator, @action, @entity, @entity_id, @detail, @prev_hash, @hash, @mac)`,
  ).run({ ...row, prev_hash: anchor.lastHash, hash, mac });
  writeAnchor(db, key, {
    count: anchor.count + 1,
    lastHash: hash,
    keyId: key.id,
    lastMac: mac,
    professionalsDigest: digests.professionals,
    correctionsDigest: digests.corrections,
  });
  return row.id;
}

/**
 * Makes `key` the one that signs the chain from now on: every row of the registry is sealed with
 * it, and — unless the trail is still empty — an `audit.key_started` entry records where and why.
 */
export function startKeying(db: Database, key: AuditKey, reason: KeyStartReason, at: string): void {
  writeTransaction(db, () => {
    const anchor = requireAnchor(db);
    const digests = sealAll(db, key);
    if (anchor.count === 0) {
      writeAnchor(db, key, { count: 0, lastHash: anchor.lastHash, keyId: key.id, lastMac: null, professionalsDigest: digests.professionals, correctionsDigest: digests.corrections });
      return;
    }
    const counts = db.prepare('SELECT (SELECT count(*) FROM professionals) AS professionals, (SELECT count(*) FROM corrections) AS corrections').get() as {
      professionals: number;
      corrections: number;
    };
    writeEntry(db, key, anchor, digests, { at, operator: 'sistema', action: KEY_STARTED, entity: 'audit', entityId: key.id, detail: { keyId: key.id, previousKeyId: anchor.keyId, reason, ...counts } }, true);
  });
}

/**
 * Brings the chain under the desk's key (when the store opens; and before the first entry of a
 * store opened some other way). A store never signed gets the key (made now if the desk has none).
 * One signed with another desk's key is signed with this one from here, the change recorded, only
 * when it comes in through a restore (`adoptOtherKey`: a backup from another computer); opened any
 * other way — a key file pointed at by mistake, a store copied by hand — it is left as it is, like
 * a signed store whose key is missing: it reads, writes refuse with AUDIT_KEY_MISSING and `audit
 * verify` says so, until the right key is back or `audit new-key` starts a new one (recorded).
 */
export function ensureKeyed(db: Database, options: { upgrading: boolean; at: string; adoptOtherKey?: boolean }): void {
  const anchor = requireAnchor(db);
  if (anchor.keyId !== null) {
    const key = readAuditKeyOrNull();
    if (key && key.id !== anchor.keyId && options.adoptOtherKey) startKeying(db, key, 'other_key', options.at);
    return;
  }
  const key = createAuditKey();
  startKeying(db, key, options.upgrading ? 'upgrade' : 'unsigned', options.at);
}

/** Appends one entry (inside the caller's transaction, or its own) and returns its id. */
export function appendAudit(db: Database, input: AuditInput): number {
  return writeTransaction(db, () => {
    if (requireAnchor(db).keyId === null) ensureKeyed(db, { upgrading: false, at: input.at });
    const anchor = requireAnchor(db);
    const key = readAuditKey();
    if (!key) throw missingKeyError(auditKeyPath(), anchor.keyId);
    if (key.id !== anchor.keyId) {
      throw new AppError(
        'AUDIT_KEY_MISSING',
        `O histórico de auditoria deste banco é assinado por outra chave, não pela chave deste computador ("${key.path}"). Nada foi gravado. Coloque de volta a chave que assina este banco; se ela se perdeu de vez, comece uma nova chave (cress-desk audit new-key --yes), o que fica registrado no histórico.`,
        { details: { path: key.path, keyId: anchor.keyId } },
      );
    }
    let current = anchor;
    if (anchor.mac !== anchorMac(key, anchor)) {
      // The anchor was changed outside the desk (to hide deleted entries or rows): said in the
      // chain before anything is signed over it, chained from the entries as they really are.
      const last = db.prepare('SELECT hash, mac FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string; mac: string | null } | undefined;
      const entries = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
      const real = { ...anchor, count: entries, lastHash: last?.hash ?? GENESIS_HASH, lastMac: last?.mac ?? null };
      const altered = { at: input.at, operator: 'sistema', action: ANCHOR_ALTERED, entity: 'audit', entityId: null, detail: { anchorCount: anchor.count, entries } };
      writeEntry(db, key, real, digestsOf(anchor), altered, false);
      current = requireAnchor(db);
    }
    const digests = sealPending(db, key, digestsOf(current));
    return writeEntry(db, key, current, digests, input, false);
  }); // a savepoint inside the caller's transaction; the writer lock first when alone
}

/**
 * Seals the rows written so far and signs the anchor, without an entry (inside the caller's
 * transaction, or its own): for a writer whose transaction ends without an audit entry (a step of
 * an import written in steps), and for the copy a backup is made of. Without the key that signs
 * the chain it does nothing: the next entry seals them, or says why it cannot.
 */
export function sealWritten(db: Database): void {
  writeTransaction(db, () => {
    const anchor = readAnchor(db);
    const key = readAuditKey();
    if (!anchor || !key || anchor.keyId !== key.id || anchor.mac !== anchorMac(key, anchor)) return;
    const digests = sealPending(db, key, digestsOf(anchor));
    writeAnchor(db, key, { ...anchor, professionalsDigest: digests.professionals, correctionsDigest: digests.corrections });
  });
}

/**
 * After a migration that added columns to the registry's tables: rows whose seal still matches the
 * columns it was made over are sealed again over every column, and the anchor signed (inside the
 * caller's transaction). Without the key that signs the chain nothing changes: `audit verify` then
 * reports those rows until a key signs the chain again. Returns how many kept a seal that does not match.
 */
export function sealNewColumns(db: Database): number {
  return writeTransaction(db, () => {
    const anchor = readAnchor(db);
    const key = readAuditKey();
    if (!anchor || !key || anchor.keyId !== key.id || anchor.mac !== anchorMac(key, anchor)) return 0;
    const { digests, unmatched } = resealShortSeals(db, key, digestsOf(anchor));
    writeAnchor(db, key, { ...anchor, professionalsDigest: digests.professionals, correctionsDigest: digests.corrections });
    return unmatched;
  });
}

/** A key the clerk starts after the previous one was lost (`cress-desk audit new-key`): recorded in the chain. */
export function replaceLostKey(db: Database, at: string): { keyId: string; previousKeyId: string | null } {
  return writeTransaction(db, () => {
    const anchor = requireAnchor(db);
    const present = readAuditKey();
    if (present && present.id === anchor.keyId) {
      throw new AppError('INPUT_INVALID', 'A chave que assina este histórico está presente neste computador: não há o que substituir.');
    }
    const key = present ?? createAuditKey();
    startKeying(db, key, 'key_replaced', at);
    return { keyId: key.id, previousKeyId: anchor.keyId };
  });
}

/** Actions the desk writes on its own when it opens a store (they never stand for a clerk's work). */
export const STORE_ACTIONS: ReadonlySet<string> = new Set([KEY_STARTED, ANCHOR_ALTERED, 'store.guards_restored', 'store.outside_changes']);

type ChainResult = Pick<AuditVerification, 'ok' | 'entries' | 'brokenAt' | 'problem' | 'notices' | 'signedFrom'>;

interface Section {
  keyId: string | null;
  from: number;
  checkable: boolean;
}

function detailOf(row: { detail: string }): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(row.detail);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function safeKey(): { key: AuditKey | null; problem: string | null } {
  try {
    return { key: readAuditKey(), problem: null };
  } catch (error) {
    return { key: null, problem: error instanceof AppError ? error.message : String(error) };
  }
}

/**
 * Recomputes the whole chain — every SHA-256 hash, and every signature this desk's key can check —
 * and compares it with the anchor. Sections signed by a key this desk does not hold (a backup
 * restored from another computer, a key replaced after it was lost) are checked by SHA-256 only, and
 * a notice says so.
 */
export function verifyAuditChain(db: Database): ChainResult {
  const anchor = readAnchor(db);
  const { key, problem: keyProblem } = safeKey();
  const notices: string[] = [];
  let entries = 0;
  let prevHash = GENESIS_HASH;
  let prevMac = GENESIS_HASH;
  let lastId = 0;
  let section: Section | null = null;
  let signedFrom: number | null = null;
  let awaitingRestore: number | null = null; // an `other_key` start waiting for its `backup.restore`
  const broken = (brokenAt: number | null, problem: string): ChainResult => ({ ok: false, entries, brokenAt, problem, notices, signedFrom });
  // The key of the first signed section, when no `audit.key_started` opened it: the next start's
  // `previousKeyId`, else the anchor's.
  const starts = db.prepare('SELECT id, detail FROM audit_log WHERE action = ? ORDER BY id').all(KEY_STARTED) as { id: number; detail: string }[];
  const genesisKeyId = starts.length > 0 ? ((detailOf(starts[0]!).previousKeyId as string | null | undefined) ?? null) : (anchor?.keyId ?? null);

  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>;
  for (const row of rows) {
    entries++;
    if (row.prev_hash !== prevHash) {
      return finish(broken(row.id, `A entrada ${row.id} do histórico não continua a anterior: entradas foram apagadas ou alteradas antes dela.`));
    }
    if (entryHash(prevHash, row) !== row.hash) {
      return finish(broken(row.id, `A entrada ${row.id} do histórico foi alterada depois de gravada.`));
    }
    if (row.action === KEY_STARTED) {
      const detail = detailOf(row);
      const keyId = typeof detail.keyId === 'string' ? detail.keyId : null;
      const ended = section;
      section = { keyId, from: row.id, checkable: key !== null && key.id === keyId };
      prevMac = row.prev_hash;
      signedFrom ??= row.id;
      const when = formatDateTimeBr(row.at);
      if (detail.reason === 'unsigned') {
        return finish(broken(row.id, `O histórico perdeu as assinaturas antes da entrada ${row.id} (${when}): ele foi refeito fora do CRESS Desk.`));
      }
      if (detail.reason === 'upgrade') {
        notices.push(`O histórico é assinado pela chave deste computador desde a entrada ${row.id} (${when}); as entradas anteriores são conferidas pela soma SHA-256.`);
      } else if (ended && !ended.checkable) {
        notices.push(uncheckableSectionNotice(detail.reason, ended.from, row.id, when));
      }
      if (detail.reason === 'other_key') awaitingRestore = row.id;
    } else if (section === null && row.mac !== null) {
      if (row.prev_hash !== GENESIS_HASH) {
        return finish(broken(row.id, `A entrada ${row.id} do histórico foi assinada sem que uma chave tivesse começado a assinar: foi incluída fora do CRESS Desk.`));
      }
      section = { keyId: genesisKeyId, from: row.id, checkable: key !== null && key.id === genesisKeyId };
      signedFrom = row.id;
      prevMac = GENESIS_HASH;
    } else if (awaitingRestore !== null && !STORE_ACTIONS.has(row.action)) {
      if (row.action !== 'backup.restore') return finish(broken(awaitingRestore, otherKeyProblem(awaitingRestore)));
      awaitingRestore = null;
    }
    if (section !== null) {
      if (row.mac === null) {
        return finish(broken(row.id, `A entrada ${row.id} do histórico não tem assinatura: foi incluída ou refeita fora do CRESS Desk.`));
      }
      if (section.checkable && key && entryMac(key, prevMac, row) !== row.mac) {
        return finish(broken(row.id, `A entrada ${row.id} do histórico foi alterada depois de gravada: a assinatura não confere.`));
      }
      prevMac = row.mac;
    }
    if (row.action === ANCHOR_ALTERED) {
      return finish(broken(row.id, `Antes da entrada ${row.id} (${formatDateTimeBr(row.at)}) o controle do histórico foi alterado fora do CRESS Desk: entradas, cadastros ou correções podem ter sido apagados.`));
    }
    prevHash = row.hash;
    lastId = row.id;
  }

  if (!anchor) return broken(null, 'O controle do histórico de auditoria foi apagado: não é possível garantir que o histórico está completo.');
  if (entries < anchor.count) {
    const missing = anchor.count - entries;
    const gone = missing === 1 ? `A entrada ${lastId + 1} do histórico foi apagada` : `As últimas ${formatCount(missing)} entradas do histórico foram apagadas`;
    return broken(lastId + 1, `${gone}: o histórico deveria ter ${formatCount(anchor.count)} entradas e tem ${formatCount(entries)}.`);
  }
  if (entries > anchor.count || prevHash !== anchor.lastHash) {
    return broken(lastId || null, 'O histórico não confere com o seu controle: entradas foram incluídas ou substituídas fora do CRESS Desk.');
  }
  if (awaitingRestore !== null) return broken(awaitingRestore, otherKeyProblem(awaitingRestore));
  // The signature of the chain as it stands now.
  const currentKeyId = section?.keyId ?? anchor.keyId;
  if (keyProblem !== null) return broken(null, keyProblem);
  if (anchor.keyId === null) {
    if (entries > 0) return broken(lastId, 'O histórico deste banco não está assinado: as assinaturas foram removidas fora do CRESS Desk.');
    return { ok: true, entries, brokenAt: null, problem: null, notices, signedFrom };
  }
  if (!key) return broken(null, missingKeyError(auditKeyPath(), anchor.keyId).message);
  if (key.id !== anchor.keyId || key.id !== currentKeyId) {
    return broken(null, `O histórico deste banco é assinado com outra chave, não com a deste computador ("${key.path}"): não é possível conferir as assinaturas.`);
  }
  if ((section === null ? null : prevMac) !== anchor.lastMac || anchor.mac !== anchorMac(key, anchor)) {
    return broken(lastId || null, 'O controle do histórico foi alterado fora do CRESS Desk: a assinatura dele não confere.');
  }
  return { ok: true, entries, brokenAt: null, problem: null, notices, signedFrom };

  // When the chain breaks early, still report how many entries the log holds.
  function finish(result: ChainResult): ChainResult {
    const total = db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    return { ...result, entries: total.n };
  }
}
