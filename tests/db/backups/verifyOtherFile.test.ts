// "Verificar um arquivo…" given a file that is no backup: a lote package for Implanta, or a file
// that is not even a zip, is named for what it is — not as a backup missing fields or cut short.
import { appendFileSync, writeFileSync } from 'node:fs';
import { writeZip, ZipReader, type ZipEntry } from '../../../db/packaging';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBatchDesk, queueEmailCorrections, sendBatch } from '../batchFixtures';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();
const lotes = openBatchDesk();
afterAll(() => lotes.cleanup());

describe('verifying a file that is not a backup', () => {
  it('a lote package is told it is a package for Implanta, pointing to the Lotes screen, never to a command', async () => {
    queueEmailCorrections(lotes, 2);
    const { path } = await sendBatch(lotes);
    const b = await desks.setUp();
    const verification = await b.verify(path);
    expect(verification.valid).toBe(false);
    expect(verification.problems).toHaveLength(1);
    expect(verification.problems[0]).toMatchObject({ code: 'LOTE_PACKAGE', message: expect.stringMatching(/^Este arquivo é um pacote de lote para a Implanta, não um backup do CRESS Desk.*tela Lotes/) });
    // A clerk at the desk is not told to type a command.
    expect(verification.problems[0]?.message).not.toMatch(/cress-desk|batch verify/);
    expect(verification.problems[0]?.message).not.toMatch(/CRESS-Region|bag-info/);
  });

  it('a text file named .zip is told it is not a backup (not a zip), not that a copy was cut short', async () => {
    const b = await desks.setUp();
    const file = join(b.dir.file('anotacoes.zip'));
    writeFileSync(file, 'Senhas e lembretes da mesa\r\n');
    const verification = await b.verify(file);
    expect(verification.problems[0]?.message).toMatch(/^Este arquivo não é um backup do CRESS Desk \(não é um arquivo zip\)/);
    expect(verification.problems[0]?.message).not.toMatch(/incompleto|pendrive/);
  });

  it('a zip of other files (photos, a spreadsheet) is told it is not a backup, once, not as a bag missing its parts', async () => {
    const b = await desks.setUp();
    const file = b.dir.file('fotos.zip');
    await writeZip(file, [
      { name: 'leiame.txt', data: Buffer.from('fotos da reunião') },
      { name: 'fotos/reuniao.jpg', data: Buffer.from('jpeg') },
    ]);
    const verification = await b.verify(file);
    expect(verification.valid).toBe(false);
    expect(verification.problems).toHaveLength(1);
    expect(verification.problems[0]).toMatchObject({ code: 'NOT_A_BACKUP', message: expect.stringMatching(/^Este arquivo não é um backup do CRESS Desk/) });
    expect(verification.problems[0]?.message).not.toMatch(/bagit|Falta/);
  });

  it('a backup zipped again from the files of its folder (without the folder) says so, never that its files are missing', async () => {
    const b = await desks.setUp();
    const made = await b.create();
    const zip = await ZipReader.open(made.file);
    const entries: ZipEntry[] = [];
    for (const entry of zip.entries) entries.push({ name: entry.name.slice(entry.name.indexOf('/') + 1), data: await zip.read(entry.name, 1 << 30) });
    await zip.close();
    const flattened = b.dir.file('refeito.zip');
    await writeZip(flattened, entries);
    const verification = await b.verify(flattened);
    expect(verification.valid).toBe(false);
    expect(verification.problems).toHaveLength(1);
    expect(verification.problems[0]).toMatchObject({ code: 'BAG_ROOT', message: expect.stringMatching(/soltos.*pasta/) });
    expect(verification.problems.map((p) => p.message).join(' ')).not.toMatch(/Falta|não contém/);
  });

  it('a backup with bytes added after its end (a copy or download that appended data) says so, not that it is incomplete', async () => {
    const b = await desks.setUp();
    const made = await b.create();
    appendFileSync(made.file, Buffer.alloc(300, 0x41));
    const verification = await b.verify(made.file);
    expect(verification.valid).toBe(false);
    expect(verification.problems).toHaveLength(1);
    expect(verification.problems[0]?.message).toMatch(/bytes a mais depois do fim/);
    expect(verification.problems[0]?.message).not.toMatch(/incompleto/);
  });

  it('a backup zipped again from the folder Windows extracted it into (its folder inside another) says so, never that its files are missing', async () => {
    const b = await desks.setUp();
    const made = await b.create();
    const zip = await ZipReader.open(made.file);
    const entries: ZipEntry[] = [];
    for (const entry of zip.entries) entries.push({ name: `${entry.name.split('/')[0]}/${entry.name}`, data: await zip.read(entry.name, 1 << 30) });
    await zip.close();
    const nested = b.dir.file('extraido.zip');
    await writeZip(nested, entries);
    const verification = await b.verify(nested);
    expect(verification.valid).toBe(false);
    expect(verification.problems).toHaveLength(1);
    expect(verification.problems[0]).toMatchObject({ code: 'BAG_ROOT', message: expect.stringMatching(/dentro de outra pasta/) });
    expect(verification.problems[0]?.message).not.toMatch(/Falta|não contém/);
  });
});
