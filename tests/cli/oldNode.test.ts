// Under a Node older than the one the package asks for (engines: >= 22.12), the store's native module
// can crash the process outright (a segmentation fault) when it opens the store: the command refuses
// at once, saying which Node it needs and how to run it, before any store is opened; so does the
// browser host.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeTooOld } from '../../electron/cli/nodeVersion';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-old-node-', (d) => initDesk(d, { professionals: 3, seed: 1 }));

describe('the Node the command runs under', () => {
  it('knows which versions are too old', () => {
    expect(nodeTooOld('20.20.2')).toBe(true);
    expect(nodeTooOld('22.11.0')).toBe(true);
    expect(nodeTooOld('22.12.0')).toBe(false);
    expect(nodeTooOld('24.1.0')).toBe(false);
    expect(nodeTooOld(process.versions.node)).toBe(false);
  });

  // The system's own Node, when it is an older one, as someone running the built file by hand would.
  const system = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => existsSync(path) && nodeTooOld(spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim()));
  it.skipIf(system === undefined)('refuses under an older Node with a message instead of crashing', () => {
    const result = spawnSync(system as string, [CLI_BIN, '--db', desk.store, 'registry', 'search', 'maria'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Node\.js 22\.12/);
    expect(result.stderr).toContain('npm run cli');
  });

  it.skipIf(system === undefined)('the browser host refuses under an older Node with a message instead of crashing', () => {
    const host = join(dirname(CLI_BIN), '..', 'host', 'host.cjs');
    const result = spawnSync(system as string, [host, '--db', desk.store, '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Node\.js 22\.12/);
    expect(result.stderr).toContain('npm run preview');
  });
});
