// Removes, once every test file ran, the private folder of the keys and PIN the tests use
// (vitest.config.ts makes it): nothing of a test run is left in the system's temporary folder.
import { rmSync } from 'node:fs';

export default function setup(): () => void {
  return () => {
    const folder = process.env.CRESS_DESK_TEST_KEY_FOLDER;
    if (folder) rmSync(folder, { recursive: true, force: true });
  };
}
