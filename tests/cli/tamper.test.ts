// Tampering seen from the command line: someone with the store file, a SQLite tool, unzip and
// sha256sum edits data, rewrites the trail, recomputes checksums — and `cress-desk` on the same
// desk (its audit key) says so with exit 3; another desk (another key) checks files by SHA-256 only.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, requireBuiltCli, type CliResult } from './command';
import { changePlainBytes, openRawStore } from '../rawStore';

let dir: string;
let store: string;
let keyFile: string;
let cpf: string;
let registration: string;

function cliWith(storePath: string, key: string, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', storePath, ...args], { encoding: 'utf8', env: { ...process.env, CRESS_DESK_AUDIT_KEY_FILE: key } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const run = (...args: string[]) => cliWith(store, keyFile, ...args);
const json = (...args: string[]) => {
  const result = run('--json', ...args);
  return { ...result, body: JSON.parse(result.stdout) };
};

/** A fresh desk: a store set up with professionals and a few corrections, its own key file. */
function freshDesk(name: string): void {
  store = join(dir, name, 'desk.sqlite');
  keyFile = join(dir, name, 'chave', 'audit.key');
  mkdirSync(join(dir, name), { recursive: true });
  expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
  expect(run('demo', '--professionals', '20', '--seed', '3').code).toBe(0);
  const someone = json('registry', 'show', json('registry', 'search', 'a').body.items[0].registrationNumber).body;
  cpf = someone.cpf;
  registration = someone.registrationNumber;
  for (const email of ['primeira@exemplo.com.br', 'segunda@exemplo.com.br']) {
    expect(run('correct', cpf, '--field', 'email', '--value', email, '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
  }
}

/** `verify` of a backup or a lote package on a fresh desk `name` (another key); the current desk stays the one it was. */
function verifyOnAnotherDesk(name: string, group: 'backup' | 'batch', file: string): CliResult {
  const here = { store, keyFile };
  freshDesk(name);
  try {
    return run(group, 'verify', file);
  } finally {
    ({ store, keyFile } = here);
  }
}

/** The file, behind the desk's back. */
function withFile(fn: (db: Database.Database) => void): void {
  const db = openRawStore(store);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Rewrites a bag's manifests for what its files hold now, as `sha256sum` would. */
function recomputeManifests(bag: string): void {
  const files = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(folder, e.name)) : [join(folder, e.name)]));
  const data = files(join(bag, 'data')).sort();
  writeFileSync(join(bag, 'manifest-sha256.txt'), data.map((f) => `${sha256(readFileSync(f))}  ${relative(bag, f)}\n`).join(''));
  // A database taken out of its encryption and put back may lose its free pages: the declared size follows.
  const oxum = `${data.reduce((sum, f) => sum + statSync(f).size, 0)}.${data.length}`;
  const info = join(bag, 'bag-info.txt');
  writeFileSync(info, readFileSync(info, 'utf8').replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${oxum}`));
  const tags = readdirSync(bag).filter((n) => n !== 'data' && !n.startsWith('tagmanifest-')).sort();
  writeFileSync(join(bag, 'tagmanifest-sha256.txt'), tags.map((n) => `${sha256(readFileSync(join(bag, n)))}  ${n}\n`).join(''));
}

function unzip(zip: string, into: string): string {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  expect(spawnSync('unzip', ['-q', zip, '-d', into]).status).toBe(0);
  return join(into, readdirSync(into)[0] as string);
}

function rezip(bagParent: string, zip: string): void {
  rmSync(zip, { force: true });
  expect(spawnSync('zip', ['-q', '-X', '-r', zip, '.'], { cwd: bagParent }).status).toBe(0);
}

/** Changes one character of `text` inside a file, keeping its length. */
function changeByte(path: string, text: string): void {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(text));
  expect(at).toBeGreaterThanOrEqual(0);
  bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
  writeFileSync(path, bytes);
}

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'cress-tamper-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the audit trail on the command line', () => {
  it('keeps the key in a 0600 file outside the store, made by init', () => {
    freshDesk('chave');
    expect(existsSync(keyFile)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(store).includes(readFileSync(keyFile, 'utf8').split('\n')[1] as string)).toBe(false);
    expect(run('audit', 'verify').stdout).toMatch(/Audit trail intact: \d+ entries verified, signed from entry 1/);
  });

  it('is broken (exit 3) when someone drops the triggers, edits entries and recomputes the SHA-256 chain and the anchor', () => {
    freshDesk('cadeia');
    withFile((db) => {
      db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
      db.prepare("UPDATE audit_log SET detail = replace(detail, 'segunda@', 'outra@'), operator = 'Intrusa' WHERE action = 'correction.save'").run();
      let prev = '0'.repeat(64);
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, unknown>[];
      for (const row of rows) {
        const fields = [row.id, row.at, row.operator, row.action, row.entity, row.entity_id, row.detail];
        const payload = JSON.stringify(row.account === null ? fields : [...fields, row.account]);
        const hash = sha256(`${prev}\n${payload}`);
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, row.id);
        prev = hash;
      }
      db.prepare('UPDATE audit_anchor SET count = ?, last_hash = ?').run(rows.length, prev);
    });
    const broken = run('audit', 'verify');
    expect(broken.code).toBe(3);
    expect(broken.stdout).toMatch(/AUDIT TRAIL BROKEN at entry \d+\.\n {2}A entrada \d+ do histórico foi alterada depois de gravada: a assinatura não confere/);
  });

  it("reports a direct edit of a correction's new value and of a mother's name (exit 3), naming row and field, never the values", () => {
    freshDesk('dados');
    withFile((db) => {
      db.prepare("UPDATE corrections SET new_value = 'golpista@exemplo.com' WHERE new_value = 'segunda@exemplo.com.br'").run();
      db.prepare("UPDATE professionals SET mother_name = 'Mãe Trocada' WHERE registration_number = ?").run(registration);
    });
    const result = run('audit', 'verify');
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(`Cadastro ${registration}: Nome da mãe foi alterado fora do CRESS Desk`);
    expect(result.stdout).toMatch(new RegExp(`Correção \\d+ \\(cadastro ${registration}\\): valor novo foi alterado fora do CRESS Desk`));
    expect(result.stdout).not.toMatch(/golpista|Trocada/);
    // One verdict line in English, then each row once (the summary naming the first is not repeated).
    expect(result.stdout.split('\n')[0]).toBe('AUDIT TRAIL BROKEN: 2 rows do not match it.');
    expect(result.stdout.split(`Cadastro ${registration}: Nome da mãe foi alterado fora do CRESS Desk`)).toHaveLength(2);
    const body = json('audit', 'verify').body;
    expect(body.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'professionals', registrationNumber: registration, fields: ['mother_name'] }),
        expect.objectContaining({ table: 'corrections', registrationNumber: registration, fields: ['new_value'] }),
      ]),
    );
  });

  it('puts back a dropped guard trigger when a command opens the store, records it, and verify says so', () => {
    freshDesk('gatilhos');
    withFile((db) => db.exec('DROP TRIGGER batches_no_delete; DROP TRIGGER corrections_content_fixed'));
    expect(run('info').code).toBe(0);
    withFile((db) => {
      const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all();
      expect(names).toEqual(expect.arrayContaining(['batches_no_delete', 'corrections_content_fixed']));
      expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'store.guards_restored'").pluck().get()).toBe(1);
    });
    const verified = run('audit', 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/Warning: Em .*, ao abrir o banco, gatilhos de proteção foram restaurados \(ausentes: batches_no_delete, corrections_content_fixed\)/);
  });

  it('says clearly when the key is missing: writes refused and verify broken, both exit 3', () => {
    freshDesk('sem-chave');
    rmSync(keyFile);
    const correct = run('correct', cpf, '--field', 'email', '--value', 'terceira@exemplo.com.br', '--reason', 'Pedido no balcão', '--evidence', 'RG');
    expect(correct.code).toBe(3);
    expect(correct.stderr).toContain(`A chave que assina o histórico de auditoria deste banco não foi encontrada em "${keyFile}"`);
    expect(correct.stderr).toContain('AUDIT_KEY_MISSING');
    const verified = run('audit', 'verify');
    expect(verified.code).toBe(3);
    expect(verified.stdout).toMatch(/não foi encontrada/);
    // Lost for good: a new key, recorded; the earlier entries are then checked by SHA-256 only.
    expect(run('audit', 'new-key').code).toBe(2);
    expect(run('audit', 'new-key', '--yes').code).toBe(0);
    const after = run('audit', 'verify');
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/Warning: As entradas 1 a \d+ foram assinadas com uma chave que se perdeu/);
    // Rows are sealed again as they stand when the new key starts: the notice says what that cannot vouch for.
    expect(after.stdout).toMatch(/selados de novo como estavam nesse momento: uma alteração feita neles antes, fora do CRESS Desk, não pode mais ser apontada/);
  });
});

describe('backups and lotes on the desk that made them', () => {
  it('refuses a backup with a changed byte and recomputed manifests (verify and restore, exit 3); another desk checks it by SHA-256 only', () => {
    freshDesk('backup');
    const mother = json('registry', 'show', cpf).body.motherName as string;
    const made = json('backup', 'create', '--out', join(dir, 'backup'));
    expect(made.code).toBe(0);
    const good = run('backup', 'verify', made.body.file);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Assinatura conferida com a chave deste computador.');

    const bag = unzip(made.body.file, join(dir, 'backup-x'));
    // The database is encrypted: its bytes are changed with the key, under the encryption.
    changePlainBytes(join(bag, 'data', 'cress-desk.sqlite'), (plain) => changeByte(plain, mother));
    recomputeManifests(bag);
    const forged = join(dir, 'backup', 'CRESS09-backup-20990101-000000.zip');
    rezip(join(dir, 'backup-x'), forged);
    const verified = run('backup', 'verify', forged);
    expect(verified.code).toBe(3);
    expect(verified.stdout).toMatch(/não são os que foram assinados.*\[SIGNATURE_INVALID\]/);
    const restored = run('backup', 'restore', forged, '--yes');
    expect(restored.code).toBe(3);
    expect(json('registry', 'show', cpf).body.motherName).toBe(mother);

    // Without signature.txt (tag manifest recomputed too): still refused here.
    rmSync(join(bag, 'signature.txt'));
    recomputeManifests(bag);
    rezip(join(dir, 'backup-x'), forged);
    expect(run('backup', 'verify', forged).stdout).toMatch(/não tem a assinatura/);

    // On another desk the good backup verifies by SHA-256, and says the signature was not checked.
    const elsewhere = verifyOnAnotherDesk('outra-mesa', 'backup', made.body.file);
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stdout).toMatch(/não pôde ser conferida: o arquivo foi assinado em outro computador/);
  });

  it('refuses a lote package with a changed byte and recomputed manifests (batch verify, exit 3); another desk checks it by SHA-256 only', () => {
    freshDesk('lote');
    expect(run('batch', 'create').code).toBe(0);
    expect(run('batch', 'seal', '1').code).toBe(0);
    mkdirSync(join(dir, 'pacotes'));
    const exported = json('batch', 'export', '1', '--out', join(dir, 'pacotes'));
    expect(exported.code).toBe(0);
    const good = run('batch', 'verify', exported.body.file);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('Assinatura conferida com a chave deste computador.');
    // Exports stay reproducible: the same file again.
    mkdirSync(join(dir, 'pacotes-2'));
    expect(json('batch', 'export', '1', '--out', join(dir, 'pacotes-2')).body.sha256).toBe(exported.body.sha256);

    const bag = unzip(exported.body.file, join(dir, 'lote-x'));
    changeByte(join(bag, 'data', 'corrections.csv'), 'segunda@');
    recomputeManifests(bag);
    const forged = join(dir, 'lote-forjado.zip');
    rezip(join(dir, 'lote-x'), forged);
    const verified = run('batch', 'verify', forged);
    expect(verified.code).toBe(3);
    expect(verified.stdout).toMatch(/PACKAGE NOT VALID[\s\S]*não são os que foram assinados/);

    rmSync(join(bag, 'signature.txt'));
    recomputeManifests(bag);
    rezip(join(dir, 'lote-x'), forged);
    const unsigned = run('batch', 'verify', forged);
    expect(unsigned.code).toBe(3);
    expect(unsigned.stdout).toMatch(/não tem a assinatura/);

    const elsewhere = verifyOnAnotherDesk('outra-mesa-lote', 'batch', exported.body.file);
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.stdout).toMatch(/não pôde ser conferida: o arquivo foi assinado em outro computador/);
  });
});
