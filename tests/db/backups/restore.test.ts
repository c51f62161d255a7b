// Verifying and restoring backups: damaged files refused with the right message, the store swapped
// only after a full verification, and left exactly as it was whenever a restore does not happen.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNED_SCHEMA_VERSION } from '../../../db/storeGuards';
import { KNOWN_SCHEMA_VERSION } from '../../../db';
import { recordBackup } from '../../../db/backups/catalog';
import { removeStalePrepared } from '../../../db/backups/preparedCopies';
import { snapshotStore } from '../../../db/backups/snapshot';
import { MIGRATIONS } from '../../../db/migrate';
import { writeBagZip, writeZip, ZipReader, type ZipEntry } from '../../../db/packaging';
import { addProfessional } from '../fixtures';
import { type BackupDesk, backupDesksForEachTest, countRows, filesIn } from './fixtures';
import { openRawStore } from '../../rawStore';

const desks = backupDesksForEachTest();

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The store's bytes with its write-ahead log folded in: what "exactly as it was" compares. */
function storeDigest(d: BackupDesk): string {
  d.desk.store.db.pragma('wal_checkpoint(TRUNCATE)');
  return sha256(d.storePath);
}

/** The same backup zip with one more file in it (what someone re-zipping by hand might produce). */
async function rezipWith(file: string, extra: ZipEntry): Promise<string> {
  const zip = await ZipReader.open(file);
  const entries: ZipEntry[] = [];
  for (const entry of zip.entries) entries.push({ name: entry.name, data: await zip.read(entry.name, 1 << 30) });
  await zip.close();
  const out = file.replace('.zip', '-rezipped.zip');
  await writeZip(out, [...entries, { ...extra, name: `${entries[0]!.name.split('/')[0]}/${extra.name}` }]);
  return out;
}

/** A backup of a hand-made database, e.g. of an older or newer schema. */
async function packageDatabase(d: BackupDesk, dbPath: string, options: { region: number; schemaVersion: number }): Promise<string> {
  const root = 'CRESS09-backup-20250101-120000';
  const path = join(d.dir.dir, `${root}.zip`);
  await writeBagZip(path, {
    root,
    payload: [{ path: 'cress-desk.sqlite', data: { path: dbPath } }],
    info: [
      { label: 'Source-Organization', value: `CRESS ${options.region}ª Região` },
      { label: 'External-Identifier', value: root },
      { label: 'Schema-Version', value: String(options.schemaVersion) },
      { label: 'CRESS-Region', value: String(options.region) },
    ],
  });
  return path;
}

describe('verifying a backup', () => {
  it('accepts a sound backup and marks it verified in the list', async () => {
    const b = await desks.setUp();
    const created = await b.create();
    b.setNow('2026-11-25T10:00:00.000Z');
    const verification = await b.verify(created.file);
    expect(verification).toMatchObject({ file: created.file, valid: true, problems: [], encrypted: false, region: 9, schemaVersion: KNOWN_SCHEMA_VERSION });
    expect(verification.counts?.professionals).toBe(20);
    const { items } = await b.call('backups:list', {});
    expect(items[0]).toMatchObject({ verified: true, verifiedAt: '2026-11-25T10:00:00.000Z' });
  });

  it('refuses a truncated backup, telling the clerk in plain words to copy it again', async () => {
    const b = await desks.setUp();
    const { file } = await b.create();
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 2000));
    const verification = await b.verify(file);
    expect(verification.valid).toBe(false);
    expect(verification.problems[0]).toMatchObject({ code: 'ZIP_NOT_A_ZIP' });
    expect(verification.problems[0]?.message).toMatch(/^O arquivo está incompleto — copie de novo do pendrive/);
    expect(verification.problems[0]?.message).not.toMatch(/índice|zip/);
    expect((await b.call('backups:list', {})).items[0]?.verified).toBe(false);
  });

  it('refuses a backup with one flipped bit in its database', async () => {
    const b = await desks.setUp({ professionals: 200 });
    const { file } = await b.create();
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x04;
    writeFileSync(file, bytes);
    const verification = await b.verify(file);
    expect(verification.valid).toBe(false);
    expect(verification.problems.map((p) => p.code)).toContain('FILE_DAMAGED');
    expect(verification.problems[0]?.message).toMatch(/danificad/);
  });

  it('refuses a backup re-zipped with an extra file', async () => {
    const b = await desks.setUp();
    const { file } = await b.create();
    const rezipped = await rezipWith(file, { name: 'data/planilha.xlsx', data: 'não estava no backup' });
    const verification = await b.verify(rezipped);
    expect(verification.valid).toBe(false);
    expect(verification.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['PAYLOAD_UNLISTED', 'OXUM_MISMATCH']));
    expect(verification.problems.find((p) => p.code === 'PAYLOAD_UNLISTED')?.message).toContain('data/planilha.xlsx');
  });

  it('asks for the passphrase of an encrypted backup and refuses a wrong one', async () => {
    const b = await desks.setUp();
    const { file } = await b.create({ passphrase: 'certa' });
    expect(await b.job('backups:verify', { file, passphrase: null })).toMatchObject({ ok: false, error: { code: 'BACKUP_PASSPHRASE_REQUIRED' } });
    const wrong = await b.job('backups:verify', { file, passphrase: 'errada' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'BACKUP_PASSPHRASE_WRONG' } });
    if (!wrong.ok) expect(wrong.error.message).toMatch(/Senha incorreta/);
    expect((await b.verify(file, 'certa')).valid).toBe(true);
  });

  it('refuses a missing file and something that is not a zip', async () => {
    const b = await desks.setUp();
    expect(await b.job('backups:verify', { file: b.dir.file('nada.zip'), passphrase: null })).toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_FOUND' } });
    writeFileSync(b.dir.file('texto.zip'), 'isto não é um backup');
    expect((await b.verify(b.dir.file('texto.zip'))).problems[0]?.code).toBe('ZIP_NOT_A_ZIP');
  });
});

describe('restoring a backup', () => {
  it('puts the data back as it was, keeps the store aside, and remembers later backups', async () => {
    const b = await desks.setUp({ professionals: 10 });
    const first = await b.create();
    for (let i = 0; i < 5; i++) addProfessional(b.desk.store, { name: `Depois ${i}` });
    b.setNow('2026-11-24T19:00:00.000Z');
    const second = await b.create();
    await b.call('backups:pin', { file: second.file, pinned: true });
    expect(countRows(b, 'professionals')).toBe(15);

    b.setNow('2026-11-24T20:00:00.000Z');
    const { jobId, prepared } = await b.prepare(first.file);
    expect(prepared).toMatchObject({ region: 9, currentRegion: 9, otherRegion: false, migratedFrom: null, schemaVersion: KNOWN_SCHEMA_VERSION });
    const applied = await b.call('backups:restoreApply', { jobId });
    expect(countRows(b, 'professionals')).toBe(10);
    expect(basename(applied.previousStore)).toMatch(/^store\.before-restore-\d{8}-\d{6}\.sqlite$/);
    // The store as it was is kept, whole.
    const aside = openRawStore(applied.previousStore, { readonly: true });
    expect(aside.prepare('SELECT count(*) FROM professionals').pluck().get()).toBe(15);
    aside.close();
    // The list still knows the later backup and its pin; the restore is in the audit trail.
    const { items } = await b.call('backups:list', {});
    expect(items.find((i) => i.fileName === second.fileName)).toMatchObject({ pinned: true, verified: true });
    const audit = b.desk.store.db.prepare("SELECT action, detail FROM audit_log WHERE action = 'backup.restore'").all() as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ file: first.file, previousStore: applied.previousStore });
    expect((await b.call('audit:verify', {})).ok).toBe(true);
    // Nothing prepared is left behind.
    expect(filesIn(b.dir.dir).filter((n) => n.includes('.restore-'))).toEqual([]);
  });

  it('keeps in the list a backup another program recorded while the restore was on its way to the store', async () => {
    const b = await desks.setUp({ professionals: 3 });
    const first = await b.create();
    const { jobId } = await b.prepare(first.file);
    // Between the clerk's confirmation and the store taken alone, another process (the app's
    // scheduled backup, a command line) finishes a backup and records it.
    const closing = b.desk.withStoreClosed.bind(b.desk);
    b.desk.withStoreClosed = <T>(fn: (path: string) => T): T =>
      closing((path) => {
        // Made with --out in another folder: the list does not find it by looking in the backup folder.
        mkdirSync(join(b.dir.dir, 'pendrive'), { recursive: true });
        const made = join(b.dir.dir, 'pendrive', 'CRESS09-backup-20261124-235959.zip');
        copyFileSync(first.file, made);
        const other = openRawStore(path);
        recordBackup(other, {
          path: made,
          createdAt: '2026-11-24T23:59:59.000Z',
          bytes: 1,
          sha256: 'a'.repeat(64),
          encrypted: false,
          region: 9,
          schemaVersion: KNOWN_SCHEMA_VERSION,
          counts: {},
          trigger: 'auto',
          operator: 'Ana Souza',
          verifiedAt: null,
          verifyOk: null,
        } as never);
        other.close();
        return fn(path);
      });
    await b.call('backups:restoreApply', { jobId });
    const { items } = await b.call('backups:list', {});
    expect(items.map((i) => i.fileName)).toContain('CRESS09-backup-20261124-235959.zip');
  });

  it('restores an encrypted backup with its passphrase', async () => {
    const b = await desks.setUp({ professionals: 3 });
    const created = await b.create({ passphrase: 'segredo' });
    addProfessional(b.desk.store);
    const { jobId } = await b.prepare(created.file, 'segredo');
    await b.call('backups:restoreApply', { jobId });
    expect(countRows(b, 'professionals')).toBe(3);
  });

  it('leaves the store exactly as it was when the backup is damaged or the passphrase wrong', async () => {
    const b = await desks.setUp();
    const { file } = await b.create({ passphrase: 'certa' });
    addProfessional(b.desk.store);
    const before = storeDigest(b);
    expect(await b.job('backups:restorePrepare', { file, passphrase: 'errada' })).toMatchObject({ ok: false, error: { code: 'BACKUP_PASSPHRASE_WRONG' } });
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(file, bytes);
    const damaged = await b.job('backups:restorePrepare', { file, passphrase: 'certa' });
    expect(damaged).toMatchObject({ ok: false, error: { code: 'BACKUP_INVALID' } });
    expect(storeDigest(b)).toBe(before);
    expect(filesIn(b.dir.dir).filter((n) => n.includes('.restore-') || n.includes('before-restore'))).toEqual([]);
  });

  it("asks for confirmation before restoring another CRESS's backup", async () => {
    const b = await desks.setUp({ region: 7, professionals: 4 });
    const other = await b.create();
    const mine = await desks.setUp({ region: 9, professionals: 2 });
    const before = storeDigest(mine);
    const { jobId, prepared } = await mine.prepare(other.file);
    expect(prepared).toMatchObject({ region: 7, currentRegion: 9, otherRegion: true });
    const refused = await mine.fail('backups:restoreApply', { jobId });
    expect(refused.code).toBe('BACKUP_OTHER_REGION');
    expect(refused.message).toMatch(/CRESS 7ª Região.*CRESS 9ª Região/);
    expect(storeDigest(mine)).toBe(before);
    await mine.call('backups:restoreApply', { jobId, confirmOtherRegion: true });
    expect(countRows(mine, 'professionals')).toBe(4);
  });

  it('refuses a backup from a newer version of the app, whatever the clerk confirms', async () => {
    const b = await desks.setUp();
    const newer = b.dir.file('newer.sqlite');
    await snapshotStore(b.desk.store.path, newer);
    const db = openRawStore(newer);
    db.pragma(`user_version = ${KNOWN_SCHEMA_VERSION + 1}`);
    db.close();
    const file = await packageDatabase(b, newer, { region: 9, schemaVersion: KNOWN_SCHEMA_VERSION + 1 });
    const before = storeDigest(b);
    const outcome = await b.job('backups:restorePrepare', { file, passphrase: null });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'BACKUP_NEWER' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/versão mais nova/);
    expect(storeDigest(b)).toBe(before);
  });

  it('migrates a backup from an older version on the way in', async () => {
    const b = await desks.setUp();
    const older = b.dir.file('older.sqlite');
    const db = new Database(older);
    // A version from before backups were signed: its packages carry no signature.
    const version = SIGNED_SCHEMA_VERSION - 1;
    for (const migration of MIGRATIONS.slice(0, version)) for (const statement of migration.statements) db.exec(statement);
    db.pragma(`user_version = ${version}`);
    db.prepare("INSERT INTO settings (id, region, uf, operator, created_at, updated_at) VALUES (1, 9, 'SP', 'Antiga', 'x', 'x')").run();
    db.close();
    const file = await packageDatabase(b, older, { region: 9, schemaVersion: version });
    const { jobId, prepared } = await b.prepare(file);
    expect(prepared).toMatchObject({ migratedFrom: version, schemaVersion: KNOWN_SCHEMA_VERSION });
    const applied = await b.call('backups:restoreApply', { jobId });
    expect(applied.schemaVersion).toBe(KNOWN_SCHEMA_VERSION);
    expect((await b.call('app:info', {})).settings?.operator).toBe('Antiga');
    // The copy it migrated left no log or index file of its own beside the store.
    expect(readdirSync(dirname(b.desk.store.path)).filter((name) => name.includes('.restore-'))).toEqual([]);
  });

  it('clears the -wal and -shm an earlier restore of an older backup left beside the store, once their process is gone', async () => {
    const b = await desks.setUp();
    const folder = dirname(b.desk.store.path);
    const stem = `.${basename(b.desk.store.path)}.restore-999999-1-0123456789ab`;
    const hourAgo = new Date(Date.now() - 3_600_000);
    for (const suffix of ['-wal', '-shm']) {
      writeFileSync(join(folder, `${stem}${suffix}`), '');
      utimesSync(join(folder, `${stem}${suffix}`), hourAgo, hourAgo);
    }
    removeStalePrepared(b.desk.store.path);
    expect(readdirSync(folder).filter((name) => name.includes('.restore-'))).toEqual([]);
  });

  it('refuses to apply twice, or a job that was not a prepared restore', async () => {
    const b = await desks.setUp();
    const { file } = await b.create();
    const { jobId } = await b.prepare(file);
    await b.call('backups:restoreApply', { jobId });
    expect((await b.fail('backups:restoreApply', { jobId })).code).toBe('BACKUP_RESTORE_NOT_READY');
    const verifyJob = await b.call('backups:verify', { file, passphrase: null });
    await b.desk.jobs.wait(verifyJob.jobId);
    expect((await b.fail('backups:restoreApply', { jobId: verifyJob.jobId })).code).toBe('BACKUP_RESTORE_NOT_READY');
  });

  it('keeps one prepared copy at a time: a second restore started at once is refused, one started later replaces the first', async () => {
    const b = await desks.setUp();
    const { file } = await b.create();
    // A double click on Restaurar: two requests before the first job has answered.
    const [first, second] = await Promise.all([b.desk.dispatch('backups:restorePrepare', { file, passphrase: null }), b.desk.dispatch('backups:restorePrepare', { file, passphrase: null })]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'BACKUP_RESTORE_BUSY', message: expect.stringContaining('já está sendo preparada') } });
    await b.desk.jobs.wait((first as { value: { jobId: string } }).value.jobId);
    const copies = () => readdirSync(dirname(b.storePath)).filter((name) => name.includes('.restore-'));
    expect(copies()).toHaveLength(1);
    // The clerk closes the confirmation without a word and restores again: the first copy goes.
    const { prepared } = await b.prepare(file);
    expect(copies()).toEqual([basename(prepared.preparedPath)]);
    expect((await b.fail('backups:restoreApply', { jobId: (first as { value: { jobId: string } }).value.jobId })).code).toBe('BACKUP_RESTORE_NOT_READY');
  });

  it('throws a prepared copy away when the clerk gives up', async () => {
    const b = await desks.setUp();
    const { file } = await b.create();
    const { jobId, prepared } = await b.prepare(file);
    expect(existsSync(prepared.preparedPath)).toBe(true);
    expect(await b.call('backups:restoreDiscard', { jobId })).toEqual({ discarded: true });
    expect(existsSync(prepared.preparedPath)).toBe(false);
  });
});
