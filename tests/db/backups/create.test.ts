// Creating backups: the file, its name and bag, its verification before the final name, the list.
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_SCHEMA_VERSION } from '../../../db';
import { validateZipBag, ZipReader } from '../../../db/packaging';
import { hasTool, run, SEVEN_ZIP_MISSING, sevenZip } from '../packaging/tools';
import { addProfessional } from '../fixtures';
import { backupDesksForEachTest, countRows, filesIn, setUpDesk } from './fixtures';
import { openRawStore } from '../../rawStore';

const desks = backupDesksForEachTest();

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('creating a backup', () => {
  it('writes a verified BagIt zip named after the region and the local time, and nothing else', async () => {
    const b = await desks.setUp({ professionals: 30 });
    const at = new Date('2026-11-24T18:30:00.000Z');
    b.setNow(at.toISOString());
    const created = await b.create();
    const pad = (n: number) => String(n).padStart(2, '0');
    const expectedName = `CRESS09-backup-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.zip`;
    expect(created).toMatchObject({ fileName: expectedName, file: join(b.folder, expectedName), verified: true, encrypted: false, region: 9 });
    expect(created.sha256).toBe(sha256(created.file));
    expect(created.bytes).toBe(readFileSync(created.file).length);
    expect(created.counts.professionals).toBe(30);
    expect(created.counts.audit_log).toBe(countRows(b, 'audit_log') - 1); // the backup's own entry came after the copy
    // No partial zip, no snapshot left behind (only the open store's own session mark, db/storeSessions.ts).
    expect(filesIn(b.folder)).toEqual([expectedName]);
    expect(filesIn(b.dir.dir).filter((n) => n.startsWith('.') && !n.startsWith('.store.sqlite.open-'))).toEqual([]);

    const validation = await validateZipBag(created.file);
    expect(validation.problems).toEqual([]);
    const info = Object.fromEntries(validation.info.map((f) => [f.label, f.value]));
    expect(info).toMatchObject({
      'Source-Organization': 'CRESS 9ª Região',
      'External-Identifier': expectedName.replace('.zip', ''),
      'CRESS-Desk-Version': '0.0.0-test',
      'Schema-Version': String(KNOWN_SCHEMA_VERSION),
      'CRESS-Region': '9',
    });
    expect(validation.info.filter((f) => f.label === 'Row-Count').map((f) => f.value)).toContain('professionals 30');
    expect(info['Payload-Oxum']).toMatch(/^\d+\.1$/);
  });

  it('names no operator in the bag-info.txt of a backup without a passphrase, which anyone may read; an encrypted one keeps the name inside', async () => {
    const b = await desks.setUp({ professionals: 2 });
    const plain = await b.create();
    const plainInfo = (await validateZipBag(plain.file)).info;
    expect(plainInfo.map((f) => f.label)).not.toContain('Operator');
    expect(plainInfo.some((f) => f.value.includes('Ana Paula'))).toBe(false);
    expect((await b.verify(plain.file)).valid).toBe(true);
    const sealed = await b.create({ passphrase: 'frase secreta longa' });
    const sealedInfo = Object.fromEntries((await validateZipBag(sealed.file, { password: 'frase secreta longa' })).info.map((f) => [f.label, f.value]));
    expect(sealedInfo.Operator).toBe('Ana Paula');
  });

  it('can be checked by anyone with unzip and sha256sum, and the database inside opens', async (context) => {
    const b = await desks.setUp();
    const created = await b.create();
    context.skip(!hasTool('unzip') || !hasTool('sha256sum'), 'unzip or sha256sum is not installed (Debian: unzip, coreutils).');
    expect(run('unzip', ['-t', created.file]).code).toBe(0);
    expect(run('unzip', ['-q', created.file, '-d', b.dir.file('out')]).code).toBe(0);
    const bag = join(b.dir.file('out'), created.fileName.replace('.zip', ''));
    const check = run('sha256sum', ['-c', 'manifest-sha256.txt'], bag);
    expect(check.out).toContain('data/cress-desk.sqlite: OK');
    const db = openRawStore(join(bag, 'data', 'cress-desk.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM professionals').pluck().get()).toBe(20);
    db.close();
  });

  it('encrypts with a passphrase so that 7-Zip opens it, and the list says so', async (context) => {
    const b = await desks.setUp();
    const created = await b.create({ passphrase: 'frase secreta longa' });
    expect(created.encrypted).toBe(true);
    const zip = await ZipReader.open(created.file);
    expect(zip.encrypted).toBe(true);
    await zip.close();
    // The registry's names are not readable in the file.
    expect(readFileSync(created.file).includes(Buffer.from('Profissional 1'))).toBe(false);
    const { items } = await b.call('backups:list', {});
    expect(items[0]).toMatchObject({ fileName: created.fileName, encrypted: true, verified: true, pinned: false, trigger: 'manual' });
    const seven = sevenZip();
    context.skip(seven === null, SEVEN_ZIP_MISSING);
    expect(run(seven as string, ['t', '-pfrase secreta longa', created.file]).out).toContain('Everything is Ok');
  });

  it('takes a consistent copy while the app keeps writing, and never blocks those writes', async () => {
    const b = await desks.setUp({ professionals: 5 });
    // Enough data for the online backup to take several steps.
    const big = b.desk.store.db.prepare('INSERT INTO cep_directory (cep, street, district, city, uf, operator, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    b.desk.store.db.transaction(() => {
      for (let i = 0; i < 60_000; i++) big.run(String(10_000_000 + i), `Rua ${'x'.repeat(200)} ${i}`, 'Centro', 'Campinas', 'SP', 'Ana', 'now', 'now');
    })();
    const before = countRows(b, 'professionals');
    let writes = 0;
    let stop = false;
    const writer = (async () => {
      while (!stop) {
        addProfessional(b.desk.store, { name: `Durante ${writes}` }); // the app's own connection
        writes++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const created = await b.create();
    stop = true;
    await writer;
    expect(writes).toBeGreaterThan(0);
    expect(created.verified).toBe(true);
    // The copy is one moment of the store: between the count before and the count after.
    expect(created.counts.professionals).toBeGreaterThanOrEqual(before);
    expect(created.counts.professionals).toBeLessThanOrEqual(before + writes);
    expect((await b.verify(created.file)).valid).toBe(true);
  });

  it('keeps both of two backups made in the same second: the second is named after the next free second', async () => {
    const b = await desks.setUp({ professionals: 3 });
    b.setNow('2026-11-24T18:30:00.400Z'); // the desk's clock stands still: both backups start in one second
    const first = await b.create();
    const second = await b.create();
    expect(first.fileName).not.toBe(second.fileName);
    expect(new Date(second.createdAt).getTime() - new Date(first.createdAt).getTime()).toBe(1000);
    expect(filesIn(b.folder)).toEqual([first.fileName, second.fileName]);
    expect((await b.verify(first.file)).valid).toBe(true);
    expect((await b.verify(second.file)).valid).toBe(true);
    const listed = await b.call('backups:list', {});
    expect(listed.items.map((entry) => entry.fileName)).toEqual(expect.arrayContaining([first.fileName, second.fileName]));
  });

  it('never replaces a file that takes its name while it is written, and says so in Portuguese', async () => {
    const b = await desks.setUp({ professionals: 3 });
    const { fileName: name } = await b.create(); // the name this second's backup takes
    rmSync(join(b.folder, name));
    // Another program (another desk process) writes that name while this backup is being packaged.
    let stop = false;
    const intruder = (async () => {
      while (!stop) {
        if (readdirSync(b.folder).some((file) => file.startsWith(`.${name}`))) {
          writeFileSync(join(b.folder, name), 'outro');
          return;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const outcome = await b.job('backups:create', { passphrase: null });
    stop = true;
    await intruder;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'BACKUP_DESTINATION' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/mesmo nome.*tente de novo/);
    expect(readFileSync(join(b.folder, name), 'utf8')).toBe('outro');
    expect(filesIn(b.folder)).toEqual([name]);
  });

  it('refuses a missing destination, a file as destination, and an unset desk', async () => {
    const b = desks.open();
    const unset = await b.job('backups:create', { passphrase: null });
    expect(unset).toMatchObject({ ok: false, error: { code: 'SETUP_REQUIRED' } });
    await setUpDesk(b);
    const missing = await b.job('backups:create', { passphrase: null, folder: b.dir.file('nao-existe') });
    expect(missing).toMatchObject({ ok: false, error: { code: 'BACKUP_DESTINATION' } });
    if (!missing.ok) expect(missing.error.message).toMatch(/não existe/);
    writeFileSync(b.dir.file('arquivo'), 'x');
    expect(await b.job('backups:create', { passphrase: null, folder: b.dir.file('arquivo') })).toMatchObject({ ok: false, error: { code: 'BACKUP_DESTINATION' } });
    expect(filesIn(b.folder)).toEqual([]);
  });

  it('creates the default folder when none was chosen', async () => {
    const b = await desks.setUp();
    const settings = await b.call('backups:updateSettings', { folder: null });
    expect(settings.folder).toBe(settings.defaultFolder);
    expect(settings.defaultFolder).toMatch(/Documents[/\\]CRESS Desk[/\\]Backups$/);
  });
});

describe('a backup file swapped for another of this desk under its name', () => {
  it('is refused by verify and by restore, says which backup it holds, and the list stops calling it verified', async () => {
    const b = await desks.setUp({ professionals: 3 });
    b.setNow('2026-11-24T18:30:00.000Z');
    const older = await b.create();
    addProfessional(b.desk.store, { name: 'Entrou Depois' });
    b.setNow('2026-11-24T18:45:00.000Z');
    const newer = await b.create();
    copyFileSync(older.file, newer.file);

    const verification = await b.verify(newer.file);
    expect(verification.valid).toBe(false);
    expect(verification.createdAt).toBe(older.createdAt);
    expect(verification.problems).toEqual([
      expect.objectContaining({ code: 'BACKUP_REPLACED', message: expect.stringContaining(`não é o backup que esta mesa gravou como ${newer.fileName}`) }),
    ]);
    expect(verification.problems[0]?.message).toContain(older.fileName);
    const listed = await b.call('backups:list', {});
    expect(listed.items.find((item) => item.fileName === newer.fileName)).toMatchObject({ verified: false });
    await expect(b.prepare(newer.file)).rejects.toThrow(/BACKUP_REPLACED|não é o backup/);

    // Under its own name it is the older backup, sound.
    expect((await b.verify(older.file)).valid).toBe(true);
  });

  it('is still sound when only renamed by someone: the list did not know that name', async () => {
    const b = await desks.setUp({ professionals: 3 });
    const made = await b.create();
    const renamed = join(b.folder, 'backup-antes-da-mudanca.zip');
    copyFileSync(made.file, renamed);
    const verification = await b.verify(renamed);
    expect(verification).toMatchObject({ valid: true, createdAt: made.createdAt });
  });
});
