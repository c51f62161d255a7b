// What unlocks a database file other than the store: a backup's copy of the database may be
// encrypted with this desk's key (a routine backup), with another desk's key that the council's IT
// kept as a recovery key file (a backup of this desk before a reinstall, or of another desk), or
// with a passphrase agreed with Implanta (the copy made for Implanta to read). SQLCipher 4's format
// in every case: a raw 256-bit key is used as it is, a passphrase is stretched by SQLCipher's own
// key derivation (PBKDF2-HMAC-SHA512, 256 000 rounds), so any SQLCipher 4 tool opens the copy.
export type CopySecret = { raw: Buffer } | { passphrase: string };

/** The value of `PRAGMA key` / `PRAGMA rekey` for a secret (never logged: the pragma text holds it). */
export function keyPragmaValue(secret: CopySecret): string {
  return 'raw' in secret ? `"x'${secret.raw.toString('hex')}'"` : `'${secret.passphrase.replace(/'/g, "''")}'`;
}

/** A secret as a thread receives it in its start data (a Buffer arrives as a Uint8Array). */
export function threadSecret(received: { raw: Uint8Array } | { passphrase: string } | null): CopySecret | null {
  if (received === null) return null;
  return 'raw' in received ? { raw: Buffer.from(received.raw) } : { passphrase: received.passphrase };
}
