// Installs never run dependency scripts (see .npmrc), so Electron's binary is fetched here, on
// first start or packaging. Exit 0 when the binary is present afterwards, 1 when it is not
// (no internet): callers then fall back to the browser preview.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8'));
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function ensureElectron({ quiet = false } = {}) {
  if (electronBinary()) return electronBinary();
  let installer;
  try {
    installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return null;
  }
  if (!quiet) console.log('Baixando o Electron (apenas na primeira vez)…');
  const run = spawnSync(process.execPath, [installer], { stdio: 'pipe', encoding: 'utf8', timeout: 300_000 });
  const binary = electronBinary();
  if (!binary && !quiet) {
    const reason = (run.stderr || run.stdout || '').trim().split('\n')[0] || 'sem detalhes';
    console.log(`Não foi possível baixar o Electron (${reason}).`);
  }
  return binary;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const binary = ensureElectron();
  if (!binary) {
    console.error('O Electron não pôde ser baixado (sem internet?). Tente novamente com acesso à internet.');
    process.exit(1);
  }
  console.log(`Electron: ${binary}`);
}
