// A keyed signature inside a bag: `signature.txt`, a tag file listed in the tag manifest, holding
// the SHA-256 of bag-info.txt and of manifest-sha256.txt, the audit chain's head the file belongs
// to, and an HMAC-SHA-256 of all that with the desk's audit key. Anyone can recompute a bag's
// manifests after changing a byte; only the desk that holds the key can sign them again. On
// another desk the signature cannot be checked (no key): the bag is then checked by SHA-256 as
// before, and the answer says the signature was not checked. See docs/packaging.md.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { parseBagInfo } from './bagit';

export interface SigningKey {
  id: string;
  bytes: Buffer;
}

/** Where the audit chain stood: for a backup, its newest entry; for a lote, the entry that sealed it. */
export interface SignatureHead {
  entry: number;
  hash: string;
  mac: string | null;
}

export type SignatureSubject = 'backup' | 'batch';

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function mac(key: SigningKey, body: string): string {
  return createHmac('sha256', key.bytes).update(body, 'utf8').digest('hex');
}

/** The text of signature.txt. The same key, head and tag files always give the same bytes. */
export function signatureText(key: SigningKey, subject: SignatureSubject, head: SignatureHead, tags: { bagInfo: string; manifest: string }): string {
  const body = [
    'Signature-Version: 1',
    'Signature-Algorithm: HMAC-SHA-256',
    `Signed-Object: ${subject}`,
    `Key-Id: ${key.id}`,
    `Audit-Entry: ${head.entry}`,
    `Audit-Hash: ${head.hash}`,
    `Audit-Mac: ${head.mac ?? ''}`,
    `Bag-Info-Sha256: ${sha256(tags.bagInfo)}`,
    `Manifest-Sha256: ${sha256(tags.manifest)}`,
  ]
    .map((line) => `${line}\n`)
    .join('');
  return `${body}Signature: ${mac(key, body)}\n`;
}

export interface BagSignatureCheck {
  /** `valid`: checked with this desk's key; `unchecked`: signed with a key this desk does not hold; `absent`: no signature.txt; `invalid`: altered. */
  state: 'valid' | 'unchecked' | 'absent' | 'invalid';
  keyId: string | null;
  head: SignatureHead | null;
  /** Portuguese, for the clerk. */
  message: string;
}

/**
 * Checks signature.txt (null: the bag has none) against the bag's own bag-info.txt and manifest.
 * `key`: the desk's key, or null when it has none.
 */
export function checkBagSignature(text: string | null, tags: { bagInfo: string; manifest: string }, key: SigningKey | null): BagSignatureCheck {
  if (text === null) return { state: 'absent', keyId: null, head: null, message: 'O arquivo não tem assinatura da mesa (feito antes dela existir): conferido pelas somas SHA-256.' };
  const invalid = (message: string, keyId: string | null = null, head: SignatureHead | null = null): BagSignatureCheck => ({ state: 'invalid', keyId, head, message });
  const at = text.lastIndexOf('Signature: ');
  const body = at >= 0 ? text.slice(0, at) : '';
  const { fields, invalidLines } = parseBagInfo(text);
  const value = (label: string) => fields.find((f) => f.label === label)?.value;
  const signature = value('Signature');
  const keyId = value('Key-Id') ?? null;
  const entry = Number(value('Audit-Entry'));
  const hash = value('Audit-Hash');
  if (invalidLines.length > 0 || at < 0 || value('Signature-Version') !== '1' || !signature || !/^[0-9a-f]{64}$/.test(signature) || !keyId || !Number.isInteger(entry) || !hash) {
    return invalid('A assinatura do arquivo (signature.txt) está malformada: o arquivo foi alterado depois de gravado.');
  }
  const head: SignatureHead = { entry, hash, mac: value('Audit-Mac') || null };
  if (value('Bag-Info-Sha256') !== sha256(tags.bagInfo) || value('Manifest-Sha256') !== sha256(tags.manifest)) {
    return invalid('A descrição ou o manifesto do arquivo não são os que foram assinados: somas de verificação foram refeitas depois da gravação.', keyId, head);
  }
  if (key === null || key.id !== keyId) {
    return {
      state: 'unchecked',
      keyId,
      head,
      message: `A assinatura (chave ${keyId}) não pôde ser conferida: o arquivo foi assinado em outro computador. Ele foi conferido pelas somas SHA-256.`,
    };
  }
  const expected = Buffer.from(mac(key, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) {
    return invalid('A assinatura do arquivo não confere com a chave deste computador: o arquivo foi alterado depois de gravado.', keyId, head);
  }
  return { state: 'valid', keyId, head, message: 'Assinatura conferida com a chave deste computador.' };
}
