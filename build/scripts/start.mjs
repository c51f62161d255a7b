// `npm start`: opens CRESS Desk in Electron; where Electron's binary cannot be had (no internet
// on first start), or with --browser, serves the same app as a browser preview on 127.0.0.1.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { ensureElectron } from './ensure-electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser');
const passThrough = args.filter((a) => a !== '--browser');

const binary = browserOnly ? null : ensureElectron();
if (binary) {
  const child = spawn(binary, [root, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!browserOnly) console.log('Electron indisponível: abrindo a prévia no navegador.');
  const port = process.env.PORT ?? '5180';
  const child = spawn(process.execPath, [join(root, 'out/host/host.cjs'), '--port', port, ...passThrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
