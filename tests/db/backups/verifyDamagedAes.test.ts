// An encrypted backup (AES-256) damaged where its description is kept: each problem is told once,
// and the right passphrase is never taken for a wrong one.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();

describe('an encrypted backup damaged in bag-info.txt', () => {
  it('is invalid, with each problem said once', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const created = await b.create({ passphrase: 'frase secreta longa' });
    const bytes = readFileSync(created.file);
    bytes[200]! ^= 0x20; // inside the first entry's encrypted data: bag-info.txt
    writeFileSync(created.file, bytes);
    const verification = await b.verify(created.file, 'frase secreta longa');
    expect(verification.valid).toBe(false);
    const messages = verification.problems.map((p) => `${p.code} ${p.message}`);
    expect(messages.length).toBeGreaterThan(0);
    expect(new Set(messages).size).toBe(messages.length);
  });
});
