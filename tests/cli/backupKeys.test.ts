// Backups whose database another secret opens, from the command line: a backup made on a desk whose
// key is gone (a reinstalled system, another computer) verifies and restores with the recovery key
// file the council's IT kept, and the restored store is then this desk's, under its own key; the
// copy made for Implanta holds its database encrypted with the agreed passphrase — never in the
// clear, never with the desk's key — opens with 7-Zip and SQLCipher's settings, and verifies and
// restores with the passphrase. A wrong secret is said to be wrong, never "damaged".
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sevenZip, SEVEN_ZIP_MISSING } from '../db/packaging/tools';
import { CLI_BIN, cliDesk } from './command';
import { posixOnly } from '../posixOnly';
import { smallPng } from '../fixtures/images';

/** The desk the backups come from, and its key. */
let oldStore: string;
let oldKey: string;
/** A freshly installed desk, with its own key. */
let newStore: string;
let newKey: string;
let backups: string;
let passphraseFile: string;
const PASSPHRASE = 'combinada com a Implanta 2026';

function cli(store: string, key: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', store, ...args], { encoding: 'utf8', env: { ...process.env, CRESS_DESK_KEY_FILE: key } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, out: `${result.stdout}${result.stderr}` };
}

function keyHex(path: string): string {
  return readFileSync(path, 'utf8').split('\n')[1] as string;
}

/** A database opened read-only with SQLCipher 4's settings and `key` (as the pragma takes it), as a SQLite tool would. */
function openWithKey(path: string, key: string): Database.Database {
  const db = new Database(path, { readonly: true });
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = ${key}`);
  return db;
}

/** The old desk's key, and the passphrase agreed with Implanta, as the key pragma takes them. */
const oldDeskKey = () => `"x'${keyHex(oldKey)}'"`;
const PASSPHRASE_KEY = `'${PASSPHRASE}'`;

/** `key` does not open the database at `path`. */
function expectNotOpenedBy(path: string, key: string): void {
  const db = openWithKey(path, key);
  try {
    expect(() => db.prepare('SELECT count(*) FROM professionals').get()).toThrow(/not a database/);
  } finally {
    db.close();
  }
}

/** The personal data of the old desk's demo records, read with its key. */
function personalValues(): string[] {
  const db = openWithKey(oldStore, oldDeskKey());
  try {
    const rows = db.prepare('SELECT cpf, name, mother_name AS mother, email FROM professionals').all() as Record<string, string | null>[];
    return rows.flatMap((r) => [r.cpf, r.name, r.mother, r.email]).filter((v): v is string => typeof v === 'string' && v.length >= 6);
  } finally {
    db.close();
  }
}

function newestZip(folder: string, marker: string): string {
  const name = readdirSync(folder).filter((f) => f.includes(marker) && f.endsWith('.zip')).sort().pop();
  if (!name) throw new Error(`no ${marker} zip in ${folder}`);
  return join(folder, name);
}

const desk = cliDesk('cress-backup-keys-', (d) => {
  oldStore = join(d.dir, 'old.sqlite');
  oldKey = join(d.dir, 'old.key');
  newStore = join(d.dir, 'new.sqlite');
  newKey = join(d.dir, 'new.key');
  backups = join(d.dir, 'backups');
  mkdirSync(backups);
  passphraseFile = join(d.dir, 'senha.txt');
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  expect(cli(oldStore, oldKey, 'init', '--region', '9', '--operator', 'Ana Paula').code).toBe(0);
  expect(cli(oldStore, oldKey, 'demo', '--professionals', '25').code).toBe(0);
  expect(cli(newStore, newKey, 'init', '--region', '9', '--operator', 'Bia').code).toBe(0);
});

describe('a backup made with another desk’s key', () => {
  it('verifies with the recovery key file, and says which key opened it', () => {
    expect(cli(oldStore, oldKey, 'backup', 'create', '--out', backups).code).toBe(0);
    const file = newestZip(backups, '-backup-');
    const without = cli(newStore, newKey, 'backup', 'verify', file);
    expect(without.code).toBe(3);
    expect(without.out).toMatch(/Chave do banco ausente ou incorreta/);
    expect(without.out).not.toMatch(/danificad/);
    // The file is intact: it is not called invalid, and a restore says the key is missing, not that the backup failed.
    expect(without.stdout).not.toMatch(/INVALID/);
    const restoreWithout = cli(newStore, newKey, 'backup', 'restore', file, '--yes');
    expect(restoreWithout.code).toBe(3);
    expect(restoreWithout.out).toMatch(/Chave do banco ausente ou incorreta/);
    expect(restoreWithout.out).not.toMatch(/não passou na verificação|danificad/);

    const recovery = join(desk.dir, 'recuperacao.key');
    expect(cli(oldStore, oldKey, 'key', 'export', '--out', recovery).code).toBe(0);
    const withKey = cli(newStore, newKey, 'backup', 'verify', file, '--key-file', recovery);
    expect(withKey.code, withKey.out).toBe(0);
    expect(withKey.stdout).toMatch(/database opened with the recovery key file given/);
    // The recovery key is never echoed.
    expect(withKey.out).not.toContain(keyHex(oldKey));
  });

  it('without the key, verify and restore tell the command line to give the recovery key file with --key-file', () => {
    const folder = join(desk.dir, 'sem-chave');
    mkdirSync(folder);
    expect(cli(oldStore, oldKey, 'backup', 'create', '--out', folder).code).toBe(0);
    const file = newestZip(folder, '-backup-');
    for (const args of [['verify', file], ['restore', file, '--yes']]) {
      const without = cli(newStore, newKey, 'backup', ...args);
      expect(without.code).toBe(3);
      expect(without.out).toMatch(/--key-file/);
      expect(without.out).toMatch(/cress-desk key export/);
    }
  });

  it('with --json, the document of verify and the error of restore carry the same hint', () => {
    const folder = join(desk.dir, 'sem-chave-json');
    mkdirSync(folder);
    expect(cli(oldStore, oldKey, 'backup', 'create', '--out', folder).code).toBe(0);
    const file = newestZip(folder, '-backup-');
    const verified = cli(newStore, newKey, '--json', 'backup', 'verify', file);
    expect(verified.code).toBe(3);
    const verification = JSON.parse(verified.stdout);
    expect(verification.valid).toBe(false);
    expect(verification.hint).toMatch(/--key-file FILE .*cress-desk key export/);
    const restored = cli(newStore, newKey, '--json', 'backup', 'restore', file, '--yes');
    expect(restored.code).toBe(3);
    expect(JSON.parse(restored.stdout).error.message).toMatch(/--key-file FILE .*cress-desk key export/);
  });

  it('an encrypted backup of another desk, opened with its right passphrase, asks for the key only, never hints the passphrase was wrong', () => {
    const folder = join(desk.dir, 'aes-outra-mesa');
    mkdirSync(folder);
    expect(cli(oldStore, oldKey, 'backup', 'create', '--out', folder, '--passphrase-file', passphraseFile).code).toBe(0);
    const file = newestZip(folder, '-backup-');
    const verified = cli(newStore, newKey, 'backup', 'verify', file, '--passphrase-file', passphraseFile);
    expect(verified.code).toBe(3);
    expect(verified.out).toMatch(/Chave do banco ausente ou incorreta/);
    expect(verified.out).not.toMatch(/nem a senha/);
  });

  it('a key file of another desk, or a file that is not a key, is refused by name and nothing changes', () => {
    const file = newestZip(backups, '-backup-');
    const wrongKey = cli(newStore, newKey, 'backup', 'verify', file, '--key-file', newKey);
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.out).toMatch(/A chave de recuperação informada também não abre este banco/);
    const notAKey = join(desk.dir, 'anotacoes.txt');
    writeFileSync(notAKey, 'senha do wi-fi: 1234\n');
    const refused = cli(newStore, newKey, 'backup', 'restore', file, '--key-file', notAKey, '--yes');
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/anotacoes\.txt" não é uma chave de recuperação do CRESS Desk/);
    // Named as the command line writes it too, not only by the window's menu.
    expect(refused.out).toMatch(/cress-desk key export/);
    expect(refused.out).not.toContain('1234');
    // The other key file of a desk (the one that signs the audit trail) is named for what it is.
    const auditKey = join(desk.dir, 'assinatura.key');
    writeFileSync(auditKey, `CRESS Desk audit key 1\n${'ab'.repeat(32)}\n`, { mode: 0o600 });
    const signing = cli(newStore, newKey, 'backup', 'verify', file, '--key-file', auditKey);
    expect(signing.code).toBe(1);
    expect(signing.out).toMatch(/assinatura\.key" é a chave que assina o histórico de auditoria, não a chave de recuperação do banco/);
    expect(JSON.parse(cli(newStore, newKey, '--json', 'info').stdout).professionals).toBe(0);
  });

  it('restores with the recovery key: the store is then this desk’s, under its own key, and the old key no longer opens it', () => {
    const file = newestZip(backups, '-backup-');
    const recovery = join(desk.dir, 'recuperacao.key');
    const restored = cli(newStore, newKey, 'backup', 'restore', file, '--key-file', recovery, '--yes');
    expect(restored.code, restored.out).toBe(0);
    const info = cli(newStore, newKey, '--json', 'info');
    expect(info.code, info.out).toBe(0);
    expect(JSON.parse(info.stdout).professionals).toBe(25);
    const withOldKey = cli(newStore, oldKey, 'info');
    expect(withOldKey.code).toBe(3);
    expect(withOldKey.out).toMatch(/Chave do banco ausente ou incorreta/);
    expect(cli(newStore, newKey, 'audit', 'verify').code).toBe(0);
  });

  it('of another CRESS region is restored only when --other-region says so, even with --yes', () => {
    const file = newestZip(backups, '-backup-');
    const recovery = join(desk.dir, 'recuperacao.key');
    const otherStore = join(desk.dir, 'regiao7.sqlite');
    const otherKey = join(desk.dir, 'regiao7.key');
    expect(cli(otherStore, otherKey, 'init', '--region', '7', '--operator', 'Carla').code).toBe(0);

    const refused = cli(otherStore, otherKey, 'backup', 'restore', file, '--key-file', recovery, '--yes');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Este backup é do CRESS 9ª Região, e esta mesa é do CRESS 7ª Região: nada foi alterado. Para restaurar assim mesmo, use --other-region.');
    expect(JSON.parse(cli(otherStore, otherKey, '--json', 'info').stdout)).toMatchObject({ settings: { region: 7 }, professionals: 0 });
    expect(readdirSync(desk.dir).filter((n) => n.startsWith('regiao7') && n.includes('restore'))).toEqual([]);

    const restored = cli(otherStore, otherKey, 'backup', 'restore', file, '--key-file', recovery, '--yes', '--other-region');
    expect(restored.code, restored.out).toBe(0);
    expect(restored.stdout).toContain('It was a backup of CRESS region 9: this desk is now of region 9.');
    expect(JSON.parse(cli(otherStore, otherKey, '--json', 'info').stdout)).toMatchObject({ settings: { region: 9 }, professionals: 25 });
  });
});

describe('the copy for Implanta', () => {
  it('needs a passphrase of 12 characters or more, and writes nothing without one', () => {
    const folder = join(desk.dir, 'implanta-short');
    mkdirSync(folder);
    const missing = cli(oldStore, oldKey, 'backup', 'create', '--for-implanta', '--out', folder);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--for-implanta needs --passphrase-file/);
    const short = join(desk.dir, 'curta.txt');
    writeFileSync(short, 'implanta\n', { mode: 0o600 });
    const tooShort = cli(oldStore, oldKey, 'backup', 'create', '--for-implanta', '--passphrase-file', short, '--out', folder);
    expect(tooShort.code).not.toBe(0);
    expect(tooShort.out).toMatch(/pelo menos 12 caracteres/);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a passphrase file other accounts may read is refused, as a PIN file is, and nothing is written', (context) => {
    posixOnly(context);
    const folder = join(desk.dir, 'implanta-readable');
    mkdirSync(folder);
    const readable = join(desk.dir, 'senha-aberta.txt');
    writeFileSync(readable, `${PASSPHRASE}\n`, { mode: 0o644 });
    chmodSync(readable, 0o644);
    for (const args of [['backup', 'create', '--for-implanta', '--passphrase-file', readable, '--out', folder], ['backup', 'create', '--passphrase-file', readable, '--out', folder]]) {
      const refused = cli(oldStore, oldKey, ...args);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain(`O arquivo da senha (${readable}) pode ser lido por outras contas: deixe-o só para a sua (chmod 600).`);
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  it('holds the database encrypted with the passphrase: no personal value and no desk key in any byte, opened by 7-Zip and SQLCipher’s settings', () => {
    const folder = join(desk.dir, 'implanta');
    mkdirSync(folder);
    // The council's own casework: an atendimento with a screenshot, never part of the copy for Implanta.
    const screenshot = join(desk.dir, 'print-da-tela.png');
    writeFileSync(screenshot, smallPng());
    const told = cli(oldStore, oldKey, 'contact', 'add', '52998224725', '--channel', 'email', '--case', 'C', '--summary', 'Não consegue entrar na plataforma', '--attach', screenshot);
    expect(told.code, told.out).toBe(0);
    const made = cli(oldStore, oldKey, 'backup', 'create', '--for-implanta', '--passphrase-file', passphraseFile, '--out', folder);
    expect(made.code, made.out).toBe(0);
    expect(made.stdout).toMatch(/Copy for Implanta created and verified/);
    const file = newestZip(folder, '-para-implanta-');
    const bytes = readFileSync(file);
    const values = personalValues();
    expect(values.length).toBeGreaterThan(50);
    for (const value of values) expect(bytes.includes(Buffer.from(value)), value).toBe(false);
    expect(bytes.includes(Buffer.from(keyHex(oldKey), 'hex'))).toBe(false);
    expect(made.out).not.toContain(PASSPHRASE);

    const tool = sevenZip();
    if (!tool) return console.warn(SEVEN_ZIP_MISSING);
    const extracted = join(desk.dir, 'extracted');
    const unpacked = spawnSync(tool, ['x', `-p${PASSPHRASE}`, `-o${extracted}`, file], { encoding: 'utf8' });
    expect(unpacked.status, unpacked.stdout + unpacked.stderr).toBe(0);
    const database = join(extracted, readdirSync(extracted)[0] as string, 'data', 'cress-desk.sqlite');
    expect(statSync(database).size).toBeGreaterThan(0);
    const inside = readFileSync(database);
    for (const value of values) expect(inside.includes(Buffer.from(value)), value).toBe(false);
    // Implanta's side: SQLCipher 4's defaults with the passphrase, no desk key.
    const db = openWithKey(database, PASSPHRASE_KEY);
    try {
      expect(db.prepare('SELECT count(*) FROM professionals').pluck().get()).toBe(25);
      for (const table of ['contacts', 'contact_events', 'contact_attachments']) expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
      expect(db.pragma('freelist_count', { simple: true })).toBe(0); // compacted: no page of them left behind
      const cpfs = db.prepare('SELECT cpf FROM professionals ORDER BY cpf').pluck().all() as string[];
      expect(cpfs).toHaveLength(25);
      for (const cpf of cpfs) expect(values).toContain(cpf);
    } finally {
      db.close();
    }
    expectNotOpenedBy(database, oldDeskKey());
  });

  it('is not one of the desk’s backups: not listed, and the audit trail says it was made', () => {
    const list = cli(oldStore, oldKey, '--json', 'backup', 'list');
    expect(JSON.parse(list.stdout).items.map((i: { fileName: string }) => i.fileName).some((n: string) => n.includes('implanta'))).toBe(false);
    const db = openWithKey(oldStore, oldDeskKey());
    try {
      const entries = db.prepare("SELECT entity_id FROM audit_log WHERE action = 'backup.implanta'").pluck().all();
      expect(entries).toEqual([expect.stringMatching(/^CRESS09-DEMONSTRACAO-para-implanta-\d{8}-\d{6}\.zip$/)]);
    } finally {
      db.close();
    }
    expect(cli(oldStore, oldKey, 'audit', 'verify').code).toBe(0);
  });

  it('verifies and restores with the passphrase; without it the desk asks for the passphrase, never says the file is damaged', () => {
    const file = newestZip(join(desk.dir, 'implanta'), '-para-implanta-');
    const without = cli(newStore, newKey, 'backup', 'verify', file);
    expect(without.code).not.toBe(0);
    expect(without.out).toMatch(/protegido por senha: informe a senha/);
    expect(without.out).not.toMatch(/danificad/);
    const verified = cli(newStore, newKey, 'backup', 'verify', file, '--passphrase-file', passphraseFile);
    expect(verified.code, verified.out).toBe(0);
    expect(verified.stdout).toMatch(/database opened with the passphrase/);
    const restored = cli(newStore, newKey, 'backup', 'restore', file, '--passphrase-file', passphraseFile, '--yes');
    expect(restored.code, restored.out).toBe(0);
    expect(JSON.parse(cli(newStore, newKey, '--json', 'info').stdout).professionals).toBe(25);
    // The copy for Implanta leaves the council's atendimentos out: the restore says so, and where they still are.
    expect(restored.stdout).toMatch(/It was a copy made for Implanta: the council’s atendimentos .* are not in it; those of before are kept in .*before-restore/);
    // The restored store is under this desk's key: the passphrase does not open it.
    expectNotOpenedBy(newStore, PASSPHRASE_KEY);
  });
});
