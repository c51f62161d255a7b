// Privacy on disk: every file the desk writes holds personal data, so on POSIX only the user who
// runs it may read them — files 0600, the folders it creates 0700 — whichever command wrote them,
// and a store an older version left readable by others is narrowed when it is opened.
// Runs the built command line (out/cli/cress-desk.cjs), as the council's IT person would.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLI_BIN, requireBuiltCli } from '../cli/command';
import { posixOnly } from '../posixOnly';
import { openRawStore } from '../rawStore';

const root = mkdtempSync(join(tmpdir(), 'cress-desk-modes-'));
const home = join(root, 'home');
const out = join(root, 'saidas');
const store = join(root, 'dados', 'cress-desk.sqlite');
const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
delete env.XDG_DOCUMENTS_DIR;
delete env.CRESS_DESK_DB;

function cli(...args: string[]): string {
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', store, ...args], { encoding: 'utf8', env });
  // An import with a rejected row ends 1 (refused rows), having written its report.
  if (result.status !== 0 && !(args[0] === 'import' && result.status === 1)) throw new Error(`cress-desk ${args.join(' ')} → ${result.status}\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** Every file and folder under `dir`, with its permission bits. */
function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = statSync(path);
      found[relative(root, path)] = (stat.mode & 0o777).toString(8);
      if (stat.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return found;
}

beforeAll(() => {
  requireBuiltCli();
  // Folders the clerk (or IT) made, with the machine's usual modes: not the desk's to change.
  mkdirSync(home, { mode: 0o755 });
  mkdirSync(out, { mode: 0o755 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('files and folders the desk writes', () => {
  beforeEach((context) => posixOnly(context));
  it('are readable by their owner only: store, before-restore copy, backup, lote, audit and registry exports, error report — 0600, created folders 0700', () => {
    cli('init', '--region', '9', '--operator', 'Ana Souza');
    cli('demo', '--professionals', '5');
    cli('correct', '1000', '--field', 'email', '--value', 'novo.email@exemplo.com.br', '--reason', 'Pedido no balcão');
    cli('batch', 'create');
    cli('batch', 'seal', '2026-0001');
    cli('batch', 'export', '2026-0001', '--out', out);
    cli('audit', 'export', '--from', '01/01/2020', '--to', '31/12/2099', '--out', join(out, 'auditoria.xlsx'));
    cli('registry', 'export', '--since', '01/01/2020', '--out', join(out, 'cadastro.csv'));
    const sheet = join(root, 'correcoes.csv');
    writeFileSync(sheet, 'Registro;E-mail\r\n1000;nao-e-email\r\n1001;outra@exemplo.com.br\r\n');
    cli('import', 'corrections', sheet, '--report', join(out, 'erros.xlsx'));
    cli('backup', 'create');
    const backups = join(home, 'Documents', 'CRESS Desk', 'Backups');
    const [backup] = readdirSync(backups);
    cli('backup', 'restore', join(backups, backup as string), '--yes');

    const written = { dados: '', 'home/Documents': '', ...modes(join(root, 'dados')), ...modes(join(home, 'Documents')), ...modes(out) };
    written.dados = (statSync(join(root, 'dados')).mode & 0o777).toString(8);
    written['home/Documents'] = (statSync(join(home, 'Documents')).mode & 0o777).toString(8);
    const files = Object.keys(written).filter((path) => !statSync(join(root, path)).isDirectory());
    // What must be there, so the modes below are about real files.
    expect(files.map((f) => f.replace(/\d{8}-\d{6}/g, 'DATA'))).toEqual(
      expect.arrayContaining([
        'dados/cress-desk.sqlite',
        'dados/cress-desk.before-restore-DATA.sqlite',
        'home/Documents/CRESS Desk/Backups/CRESS09-DEMONSTRACAO-backup-DATA.zip',
        'saidas/CRESS09-DEMONSTRACAO-lote-2026-0001.zip',
        'saidas/auditoria.xlsx',
        'saidas/cadastro.csv',
        'saidas/erros.xlsx',
      ]),
    );
    const expected = Object.fromEntries(Object.keys(written).map((path) => [path, statSync(join(root, path)).isDirectory() ? '700' : '600']));
    expect(written).toEqual(expected);
    // The clerk's own folders keep their modes.
    expect((statSync(out).mode & 0o777).toString(8)).toBe('755');
    expect((statSync(home).mode & 0o777).toString(8)).toBe('755');
  });

  it('a backup folder an older version left open is narrowed by the next backup', () => {
    const backups = join(home, 'Documents', 'CRESS Desk', 'Backups');
    chmodSync(backups, 0o755);
    cli('backup', 'create');
    expect((statSync(backups).mode & 0o777).toString(8)).toBe('700');
  });

  it('a store an older version left readable by others is narrowed when opened, with its -wal and -shm', () => {
    const old = join(root, 'antigo', 'cress-desk.sqlite');
    mkdirSync(join(root, 'antigo'));
    spawnSync(process.execPath, [CLI_BIN, '--db', old, 'init', '--region', '9', '--operator', 'Ana Souza'], { env });
    // Another program holds it open, so its -wal and -shm stay beside it.
    const reader = openRawStore(old);
    try {
      reader.pragma('journal_mode = WAL');
      reader.prepare('SELECT count(*) FROM professionals').get();
      for (const file of [old, `${old}-wal`, `${old}-shm`]) chmodSync(file, 0o644);
      const result = spawnSync(process.execPath, [CLI_BIN, '--db', old, 'info'], { encoding: 'utf8', env });
      expect(result.status).toBe(0);
      expect([old, `${old}-wal`, `${old}-shm`].map((file) => (statSync(file).mode & 0o777).toString(8))).toEqual(['600', '600', '600']);
    } finally {
      reader.close();
    }
  });
});
