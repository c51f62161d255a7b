// The desk's signature of a backup: signature.txt in the bag (db/packaging/bagSignature.ts) over
// bag-info.txt and the manifest, with the chain head of the copy it holds. A backup of this desk
// whose manifests were recomputed after a change, or whose signature was removed or made with
// another key, is refused by `backup verify` and `backup restore`; one made on another desk is
// checked by SHA-256 and said to be so.
import type { BackupProblem } from '../../shared/contract/backups';
import type { SignatureCheck } from '../../shared/contract/audit';
import { sealWritten } from '../audit';
import { auditKeyPath, missingKeyError } from '../auditKey';
import { deskSigningKey } from '../auditSigning';
import { openBackupCopy, readBackupCopy } from '../connections';
import type { CopySecret } from '../copySecrets';
import { checkBagSignature, readTagText, SIGNATURE_FILE, signatureText, type BagSource, type WriteBagOptions } from '../packaging';
import { SIGNED_SCHEMA_VERSION } from '../storeGuards';

interface CopyChain {
  count: number;
  lastHash: string;
  lastMac: string | null;
  keyId: string | null;
}

function chainOf(copyPath: string, secret: CopySecret | undefined): CopyChain | null {
  const db = readBackupCopy(copyPath, secret);
  try {
    const columns = db.prepare("SELECT name FROM pragma_table_info('audit_anchor')").pluck().all() as string[];
    if (!columns.includes('key_id')) return null;
    return (db.prepare('SELECT count, last_hash AS lastHash, last_mac AS lastMac, key_id AS keyId FROM audit_anchor WHERE id = 1').get() as CopyChain | undefined) ?? null;
  } finally {
    db.close();
  }
}

/** Rows a writer of the moment had not sealed yet are sealed in the copy, as the store's next entry seals them. */
export function sealCopy(snapshotPath: string): void {
  const db = openBackupCopy(snapshotPath);
  try {
    sealWritten(db);
  } finally {
    db.close();
  }
}

/** The `sign` option of writeBagZip for a backup of `snapshotPath`. Without the desk's key no backup is made. */
export function backupSigner(snapshotPath: string, secret?: CopySecret): NonNullable<WriteBagOptions['sign']> {
  const key = deskSigningKey();
  if (!key) throw missingKeyError(auditKeyPath(), null);
  const chain = chainOf(snapshotPath, secret);
  const head = { entry: chain?.count ?? 0, hash: chain?.lastHash ?? '', mac: chain?.lastMac ?? null };
  return (tags) => signatureText(key, 'backup', head, tags);
}

/** Checks a verified backup's signature; `copyPath` is its database, already copied out and checked (`secret` opens it). */
export async function checkBackupSignature(
  source: BagSource,
  copyPath: string,
  schemaVersion: number,
  secret?: CopySecret,
): Promise<{ signature: SignatureCheck; problem: BackupProblem | null }> {
  const has = (path: string) => source.files.some((f) => f.path === path);
  const text = has(SIGNATURE_FILE) ? await readTagText(source, SIGNATURE_FILE) : null;
  const tags = { bagInfo: await readTagText(source, 'bag-info.txt'), manifest: await readTagText(source, 'manifest-sha256.txt') };
  const key = deskSigningKey();
  const check = checkBagSignature(text, tags, key);
  const signature: SignatureCheck = { state: check.state, keyId: check.keyId, message: check.message };
  const refused = (message: string): { signature: SignatureCheck; problem: BackupProblem } => ({
    signature: { ...signature, state: 'invalid', message },
    problem: { code: 'SIGNATURE_INVALID', message, path: SIGNATURE_FILE },
  });
  if (check.state === 'invalid') return refused(check.message);
  const chain = chainOf(copyPath, secret);
  if (check.state === 'absent') {
    if (schemaVersion >= SIGNED_SCHEMA_VERSION) {
      return refused('O backup não tem a assinatura que toda cópia desta versão do CRESS Desk leva (signature.txt): ela foi removida depois da gravação.');
    }
    return { signature, problem: null };
  }
  // A copy signed by this desk's key must carry a signature made with it.
  if (check.state === 'unchecked' && key !== null && chain?.keyId === key.id) {
    return refused('O backup é deste computador, mas a assinatura dele foi feita com outra chave: o arquivo foi alterado depois de gravado.');
  }
  if (check.head && chain && (check.head.entry !== chain.count || check.head.hash !== chain.lastHash)) {
    return refused('A assinatura do backup é de outro estado do histórico de auditoria, não do banco que ele contém: o arquivo foi alterado.');
  }
  return { signature, problem: null };
}
