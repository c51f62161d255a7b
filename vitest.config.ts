import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests (and the commands they start) sign and encrypt with keys of their own, never the ones
// of the desk of whoever runs them (db/auditKey.ts, db/storeKey.ts). The folder is private, and
// removed once every test file ran (tests/keyFolderTeardown.ts).
const keyFolder = mkdtempSync(join(tmpdir(), 'cress-desk-test-key-'));
process.env.CRESS_DESK_TEST_KEY_FOLDER = keyFolder;
// The commands the tests start sign their writes as the desk's only operator, whose PIN is in this
// file (`init` sets it from there too): tests/cli/command.ts names it.
const pinFile = join(keyFolder, 'operator.pin');
writeFileSync(pinFile, '1234\n', { mode: 0o600 });

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/cli/**/*.test.ts', 'tests/electron/**/*.test.ts', 'tests/host/**/*.test.ts', 'tests/faults/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/keyFolderTeardown.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { CRESS_DESK_AUDIT_KEY_FILE: join(keyFolder, 'audit.key'), CRESS_DESK_KEY_FILE: join(keyFolder, 'store.key'), CRESS_DESK_PIN_FILE: pinFile },
  },
});
