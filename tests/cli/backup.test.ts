// `cress-desk backup …` as an IT person runs it: the built command, a real store, real files.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../db/packaging';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk } from './command';

// HOME points into the test folder: the default backup folder is <Documents>/CRESS Desk/Backups.
const desk = cliDesk('cress-cli-backup-', (d) => initDesk(d, { professionals: 400, seed: 5 }), { env: (dir) => ({ HOME: dir, XDG_DOCUMENTS_DIR: '' }) });
const { run, json } = desk;
const folder = () => join(desk.dir, 'Documents', 'CRESS Desk', 'Backups');

function professionals(): number {
  const db = openRawStore(desk.store, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM professionals').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('cress-desk backup', () => {
  let plain: { file: string; fileName: string; sha256: string };
  let encrypted: string;

  it('create: writes a verified backup into the default folder and prints its facts', () => {
    const created = json('backup', 'create');
    expect(created.code).toBe(0);
    expect(created.body).toMatchObject({ verified: true, encrypted: false, region: 9, counts: { professionals: 400 } });
    expect(created.body.file).toMatch(new RegExp(`^${folder().replace(/[/\\]/g, '.')}.CRESS09-DEMONSTRACAO-backup-\\d{8}-\\d{6}\\.zip$`));
    expect(created.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(created.body.bytes).toBe(readFileSync(created.body.file).length);
    plain = created.body;
    const human = run('backup', 'list');
    expect(human.stdout).toContain(created.body.fileName);
    expect(human.stdout).toContain('verified');
  });

  it('create --out --passphrase-file: an encrypted backup elsewhere; verify needs the same passphrase', () => {
    const out = join(desk.dir, 'pendrive');
    mkdirSync(out);
    writeFileSync(join(desk.dir, 'senha.txt'), 'frase longa e secreta\n', { mode: 0o600 });
    writeFileSync(join(desk.dir, 'errada.txt'), 'outra frase\n', { mode: 0o600 });
    // A second backup within the same second would take the same name: wait for the next one.
    const start = Date.now();
    while (Math.floor(Date.now() / 1000) === Math.floor(start / 1000)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    const created = json('backup', 'create', '--out', out, '--passphrase-file', join(desk.dir, 'senha.txt'));
    expect(created.code).toBe(0);
    expect(created.body).toMatchObject({ encrypted: true, verified: true });
    expect(readdirSync(out)).toEqual([created.body.fileName]);
    encrypted = created.body.file;

    expect(json('backup', 'verify', encrypted, '--passphrase-file', join(desk.dir, 'senha.txt')).body).toMatchObject({ file: encrypted, valid: true, problems: [] });
    const wrong = run('--json', 'backup', 'verify', encrypted, '--passphrase-file', join(desk.dir, 'errada.txt'));
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).error.code).toBe('BACKUP_PASSPHRASE_WRONG');
    expect(wrong.stderr).toMatch(/Senha incorreta/);
    expect(run('backup', 'verify', encrypted).code).toBe(1);
    // The list shows backups made elsewhere too.
    expect(json('backup', 'list').body.items.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining([plain.file, encrypted]));
  });

  it('verify: exit 0 for a sound backup, exit 3 with the problems for a damaged one', () => {
    const good = json('backup', 'verify', plain.file);
    expect(good.code).toBe(0);
    expect(good.body).toMatchObject({ file: plain.file, valid: true, problems: [] });
    const damaged = join(desk.dir, 'danificado.zip');
    const bytes = readFileSync(plain.file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
    writeFileSync(damaged, bytes);
    const bad = json('backup', 'verify', damaged);
    expect(bad.code).toBe(3);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.problems[0]).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/danificad|não confere/) });
    const human = run('backup', 'verify', damaged);
    expect(human.code).toBe(3);
    expect(human.stdout).toContain('BACKUP INVALID');
  });

  it('batch verify of a backup: one problem saying it is a backup, and the command that checks it', () => {
    const result = run('batch', 'verify', plain.file);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^NOT A LOTE PACKAGE: /);
    expect(result.stdout).toContain('é um backup do CRESS Desk, não um pacote de lote');
    expect(result.stdout).not.toMatch(/Batch-Sequence|data\/summary\.json|formato de lote\./);
    expect(result.stdout).toMatch(/\nA backup is checked with: cress-desk backup verify FILE$/m);
    expect(json('batch', 'verify', plain.file).body.problems).toEqual([expect.objectContaining({ code: 'NOT_A_LOTE_PACKAGE' })]);
  });

  it('verify: a zip of other files is headed as not a backup, not as an invalid one', async () => {
    const photos = join(desk.dir, 'fotos.zip');
    // A file of the zip named like a lote package's words: still a zip of other files, not sent to `batch verify`.
    await writeZip(photos, [{ name: 'pacote de lote.jpg', data: Buffer.from('jpeg') }]);
    const result = run('backup', 'verify', photos);
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^NOT A BACKUP: /);
    expect(result.stdout).not.toContain('BACKUP INVALID');
    expect(result.stdout).toMatch(/não é um backup do CRESS Desk/);
    expect(result.stdout).not.toContain('batch verify');
  });

  it('verify and restore of an empty file name (a script whose variable was not set) ask for the file, never name the folder the command runs in', () => {
    for (const args of [['verify', ''], ['restore', '', '--yes']]) {
      const result = run('backup', ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/informe o arquivo do backup/);
      expect(result.stderr).not.toMatch(/é uma pasta/);
    }
  });

  it('restore: refuses without --yes when nobody can answer, then restores with it', () => {
    expect(run('demo', '--professionals', '25', '--seed', '6').code).toBe(0);
    expect(professionals()).toBe(425);
    const refused = run('backup', 'restore', plain.file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(professionals()).toBe(425);
    expect(readdirSync(desk.dir).filter((n) => n.includes('.restore-'))).toEqual([]);

    const restored = json('backup', 'restore', plain.file, '--yes');
    expect(restored.code).toBe(0);
    expect(restored.body.previousStore).toMatch(/desk\.before-restore-\d{8}-\d{6}\.sqlite$/);
    expect(professionals()).toBe(400);
    expect(existsSync(restored.body.previousStore)).toBe(true);
    expect(json('audit', 'verify').body.ok).toBe(true);
  });

  it('restore: a damaged backup exits 3 and changes nothing', () => {
    const before = readFileSync(desk.store);
    const restored = run('backup', 'restore', join(desk.dir, 'danificado.zip'), '--yes');
    expect(restored.code).toBe(3);
    expect(restored.stderr).toMatch(/não passou na verificação/);
    expect(readFileSync(desk.store).equals(before)).toBe(true);
  });

  it('list: says which backups this desk made and which it only found, and that one replaced since is no longer the file it wrote', () => {
    const stranger = 'CRESS09-backup-20200101-101010.zip';
    copyFileSync(plain.file, join(folder(), stranger));
    const bytes = readFileSync(plain.file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(plain.file, bytes);
    const listed = run('backup', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    const line = (name: string) => listed.stdout.split('\n').find((l) => l.includes(name)) ?? '';
    expect(line(plain.fileName)).toContain('no longer the file this desk wrote');
    expect(line(plain.fileName)).not.toMatch(/\bverified\b/);
    expect(line(stranger)).toContain('not made by this desk');
    expect(line(encrypted)).toContain('made by this desk');
    expect(listed.stdout).toMatch(/^Backups this desk made \(in any folder\) and backup files found in /);
  });

  it('list: a backup this desk made and the clerk renamed in the folder is still called made by this desk, and its old name is given', () => {
    const made = json('backup', 'create');
    expect(made.code).toBe(0);
    const renamed = join(folder(), 'backup de sexta.zip');
    renameSync(made.body.file, renamed);
    const line = () => run('backup', 'list').stdout.split('\n').find((l) => l.includes('backup de sexta.zip')) ?? '';
    expect(line()).toContain('made by this desk');
    expect(line()).not.toContain('not made by this desk');
    expect(line()).toContain(`renamed from ${made.body.fileName}`);
    expect(run('backup', 'verify', renamed).code).toBe(0);
    expect(line()).not.toContain('not made by this desk');
    expect(line()).toMatch(/\bverified\b/);
  });

  it('create: warns that a backup written beside the store is lost with the same disk', () => {
    const beside = run('backup', 'create', '--out', desk.dir);
    expect(beside.code, beside.stderr).toBe(0);
    expect(beside.stdout).toMatch(/mesma pasta do banco de dados.*mesmo disco/s);
  });

  it('verify: a device or a named pipe given as the backup is refused by what it is, at once, never called a copy cut short', (context) => {
    if (process.platform === 'win32') return context.skip();
    const device = run('backup', 'verify', '/dev/zero');
    expect(device.code).toBe(3);
    expect(device.stdout + device.stderr).toMatch(/não é um arquivo comum/);
    expect(device.stdout + device.stderr).not.toMatch(/incompleto/);
    const pipe = join(desk.dir, 'backup.fifo');
    execFileSync('mkfifo', [pipe]);
    const started = Date.now();
    const piped = run('backup', 'verify', pipe);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(piped.code).toBe(3);
    expect(piped.stdout + piped.stderr).toMatch(/não é um arquivo comum/);
  });

  it('refuses a missing destination folder with a clear message', () => {
    const missing = run('backup', 'create', '--out', join(desk.dir, 'nao-existe'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/não existe.*BACKUP_DESTINATION/);
  });
});

/** A new backup in a folder `name` of its own, unzipped, changed by `change` (given the bag's folder) and zipped again: the new zip. */
function changedBackup(name: string, change: (bag: string) => void): string {
  const out = join(desk.dir, name);
  mkdirSync(out);
  const made = json('backup', 'create', '--out', out);
  expect(made.code).toBe(0);
  const unzipped = join(out, 'aberto');
  mkdirSync(unzipped);
  expect(spawnSync('unzip', ['-q', made.body.file, '-d', unzipped]).status).toBe(0);
  change(join(unzipped, readdirSync(unzipped)[0] as string));
  const zip = join(out, `${name}.zip`);
  expect(spawnSync('zip', ['-q', '-X', '-r', zip, '.'], { cwd: unzipped }).status).toBe(0);
  return zip;
}

describe('cress-desk backup verify of a backup whose database was taken out', () => {
  it('says once, under one code, that the database is missing', () => {
    const emptied = changedBackup('sem-banco', (bag) => rmSync(join(bag, 'data', 'cress-desk.sqlite')));

    const verified = json('backup', 'verify', emptied);
    expect(verified.code).toBe(3);
    expect(verified.body.problems.map((p: { code: string }) => p.code)).toEqual(['DB_MISSING']);
    expect(verified.body.problems[0].message).toMatch(/não contém o banco de dados/);
    const human = run('backup', 'verify', emptied);
    expect(human.stdout.match(/^ {2}- /gm)).toHaveLength(1);
    expect(human.stdout).not.toMatch(/PAYLOAD_MISSING|OXUM_MISMATCH/);
  });
});

describe('cress-desk backup verify of an encrypted backup whose bag-info.txt was damaged', () => {
  it('says the file is damaged, never that the passphrase (which opened it) may be wrong', () => {
    const out = join(desk.dir, 'aes-danificado');
    mkdirSync(out);
    const secret = join(out, 'senha.txt');
    writeFileSync(secret, 'frase longa e secreta\n', { mode: 0o600 });
    const made = json('backup', 'create', '--out', out, '--passphrase-file', secret);
    expect(made.code).toBe(0);
    // The first byte of bag-info.txt's ciphertext, after its local header, salt (16) and password verifier (2).
    const bytes = readFileSync(made.body.file);
    let header = bytes.indexOf(Buffer.from('PK\u0003\u0004', 'latin1'));
    while (!bytes.subarray(header + 30, header + 30 + bytes.readUInt16LE(header + 26)).toString('latin1').endsWith('/bag-info.txt')) {
      header = bytes.indexOf(Buffer.from('PK\u0003\u0004', 'latin1'), header + 4);
      expect(header).toBeGreaterThanOrEqual(0);
    }
    const data = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
    bytes[data + 18]! ^= 0x01;
    const damaged = join(out, 'danificado.zip');
    writeFileSync(damaged, bytes);

    const verified = run('backup', 'verify', damaged, '--passphrase-file', secret);
    expect(verified.code).toBe(3);
    expect(verified.stdout).toMatch(/bag-info\.txt.*danificad/);
    expect(verified.stdout + verified.stderr).not.toMatch(/senha está incorreta|senha incorreta/i);
  });
});

describe('cress-desk backup verify of a backup with a file added to its data', () => {
  it('counts the files the bag declares and holds in words that agree with the numbers', () => {
    const added = changedBackup('com-extra', (bag) => writeFileSync(join(bag, 'data', 'leia-me.txt'), 'acrescentado depois\n'));
    const verified = json('backup', 'verify', added);
    expect(verified.code).toBe(3);
    const oxum = verified.body.problems.find((p: { code: string }) => p.code === 'OXUM_MISMATCH');
    expect(oxum.message).toMatch(/declara [\d.]+ bytes em 1 arquivo, mas data\/ tem [\d.]+ bytes em 2 arquivos\./);
    expect(oxum.message).not.toContain('(s)');
  });
});
