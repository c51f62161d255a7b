// The desk's signature of a lote package: signature.txt in the bag, over bag-info.txt and the
// manifest, with the audit entry that sealed the lote as its chain head — the same bytes on every
// export, so packages stay reproducible. Lotes sealed before the chain was signed, and every
// Schema-Version 1 lote, get no signature.txt: their packages are the very files they always were. On the desk that sealed the
// lote, `batch verify` refuses a package whose manifests were recomputed, whose signature was
// removed or made with another key; elsewhere the package is checked by SHA-256 and said to be so.
import type Database from 'better-sqlite3';
import type { SignatureCheck } from '../../shared/contract/audit';
import { auditKeyPath, missingKeyError } from '../auditKey';
import { currentSigning, deskSigningKey } from '../auditSigning';
import { openStoreReader } from '../connections';
import { checkBagSignature, signatureText, type SigningKey, type WriteBagOptions } from '../packaging';
import { batchSchemaVersion } from './payload';
import type { BatchRow } from './summary';

interface SealEntry {
  id: number;
  hash: string;
  mac: string | null;
}

/** The audit entry that sealed the lote (the latest, should a restore have sealed it again), whole. */
export function sealEntryOf(db: Database.Database, batchId: number): (SealEntry & Record<string, unknown>) | undefined {
  return db
    .prepare("SELECT * FROM audit_log WHERE action = 'batch.seal' AND entity = 'batch' AND entity_id = ? ORDER BY id DESC LIMIT 1")
    .get(String(batchId)) as (SealEntry & Record<string, unknown>) | undefined;
}

/** The `sign` option for a lote's package; none for a lote sealed before the chain was signed. */
export function batchSigner(db: Database.Database, batch: BatchRow): WriteBagOptions['sign'] {
  // Schema-Version 1 lotes were all sealed before signatures: their packages stay the files they were.
  if (batchSchemaVersion(batch) === 1) return undefined;
  const seal = sealEntryOf(db, batch.id);
  if (!seal || seal.mac === null) return undefined;
  const key = deskSigningKey();
  if (!key) throw missingKeyError(auditKeyPath(), null);
  return (tags) => signatureText(key, 'batch', { entry: seal.id, hash: seal.hash, mac: seal.mac }, tags);
}

/** What the desk knows to check a package with: its key, and which lotes it sealed under that key. */
export interface PackageSigningContext {
  key: SigningKey | null;
  /** The entry that sealed the lote of this UUID, when this desk sealed it under its present key. */
  sealedHere(uuid: string): SealEntry | null;
  close(): void;
}

/** Reads what `sealedHere` needs from the store (read-only); null when there is no store to ask. */
export function packageSigningContext(storePath: string): PackageSigningContext | null {
  let db: Database.Database;
  try {
    db = openStoreReader(storePath);
  } catch {
    return null;
  }
  const key = deskSigningKey();
  const signing = currentSigning(db);
  const byUuid = db.prepare('SELECT id, schema_version, number FROM batches WHERE uuid = ?');
  return {
    key,
    sealedHere(uuid) {
      const batch = byUuid.get(uuid) as (Pick<BatchRow, 'id' | 'schema_version' | 'number'>) | undefined;
      const seal = batch === undefined || batchSchemaVersion(batch) === 1 ? undefined : sealEntryOf(db, batch.id);
      const ours = seal !== undefined && seal.mac !== null && key !== null && signing.keyId === key.id && seal.id >= signing.since;
      return ours ? (seal as SealEntry) : null;
    },
    close: () => db.close(),
  };
}

/**
 * The check of a package's signature.txt (null: none) for a lote with this UUID, against the desk's
 * knowledge. Answers the signature's state and, when the package must be refused, why.
 */
export function checkPackageSignature(
  text: string | null,
  tags: { bagInfo: string; manifest: string },
  uuid: string | null,
  desk: PackageSigningContext | null,
): { signature: SignatureCheck; problem: string | null } {
  const check = checkBagSignature(text, tags, desk?.key ?? null);
  const signature: SignatureCheck = { state: check.state, keyId: check.keyId, message: check.message };
  const refuse = (message: string) => ({ signature: { ...signature, state: 'invalid' as const, message }, problem: message });
  if (check.state === 'invalid') return refuse(check.message);
  const seal = uuid && desk ? desk.sealedHere(uuid) : null;
  if (!seal) return { signature, problem: null };
  if (check.state === 'absent') return refuse('Este lote foi lacrado nesta mesa, que assina os pacotes, mas o pacote não tem a assinatura (signature.txt): ela foi removida.');
  if (check.state === 'unchecked') return refuse('Este lote foi lacrado nesta mesa, mas a assinatura do pacote foi feita com outra chave: o pacote foi alterado depois de exportado.');
  if (check.head && (check.head.entry !== seal.id || check.head.hash !== seal.hash)) {
    return refuse('A assinatura do pacote não corresponde à lacração deste lote no histórico: o pacote foi alterado.');
  }
  return { signature, problem: null };
}
