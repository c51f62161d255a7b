// BagIt bags in zips: what standard tools say about them, and every problem the validator names.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BAGIT_TXT,
  FinalNameTakenError,
  formatBagInfo,
  removeStalePartials,
  validateZipBag,
  writeAtomically,
  writeBagZip,
  writeZip,
  ZipError,
  type BagProblemCode,
  type ZipEntry,
} from '../../../db/packaging';
import { tempDir, type TempDir } from '../fixtures';
import { hasTool, run, SEVEN_ZIP_MISSING, sevenZip } from './tools';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const ROOT = 'CRESS09-teste-20261124-153000';
const INFO = [
  { label: 'Source-Organization', value: 'CRESS 9ª Região' },
  { label: 'External-Identifier', value: ROOT },
];

async function goodBag(name = 'bag.zip', password?: string): Promise<string> {
  const path = dir.file(name);
  writeFileSync(dir.file('grande.jsonl'), '{"cpf":"12345678909","campo":"email"}\n'.repeat(20_000));
  await writeBagZip(path, {
    root: ROOT,
    payload: [
      { path: 'corrections.jsonl', data: { path: dir.file('grande.jsonl') } },
      { path: 'summary.json', data: '{"total":20000}\n' },
      { path: 'sub/notas.txt', data: 'anotação\n' },
    ],
    info: INFO,
    baggingDate: '2026-11-24',
    zip: { modifiedAt: new Date('2026-11-24T15:30:00Z'), password: password ?? null },
  });
  return path;
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** A bag assembled by hand, so tests can make it wrong in one precise way. */
async function handBag(
  change: (files: Map<string, string>) => void,
  options: { extraEntries?: ZipEntry[]; tagManifest?: boolean } = {},
): Promise<string> {
  const payload = new Map([
    ['data/a.txt', 'primeiro\n'],
    ['data/b.txt', 'segundo\n'],
  ]);
  const files = new Map<string, string>();
  for (const [p, text] of payload) files.set(p, text);
  files.set('bagit.txt', BAGIT_TXT);
  files.set('bag-info.txt', formatBagInfo([...INFO, { label: 'Payload-Oxum', value: `${[...payload.values()].reduce((a, t) => a + Buffer.byteLength(t), 0)}.2` }]));
  files.set('manifest-sha256.txt', [...payload].map(([p, t]) => `${sha(t)}  ${p}\n`).join(''));
  change(files);
  const tagNames = [...files.keys()].filter((p) => !p.startsWith('data/') && !p.startsWith('tagmanifest-'));
  if (!files.has('tagmanifest-sha256.txt') && options.tagManifest !== false) {
    files.set('tagmanifest-sha256.txt', tagNames.map((p) => `${sha(files.get(p) as string)}  ${p}\n`).join(''));
  }
  const path = dir.file(`hand-${Math.random().toString(36).slice(2)}.zip`);
  const entries: ZipEntry[] = [...files].map(([p, text]) => ({ name: `${ROOT}/${p}`, data: text }));
  await writeZip(path, [...entries, ...(options.extraEntries ?? [])]);
  return path;
}

async function codes(path: string, password?: string): Promise<BagProblemCode[]> {
  const validation = await validateZipBag(path, { password: password ?? null, requiredInfo: ['Source-Organization'] });
  return validation.problems.map((p) => p.code);
}

describe('writing a bag', () => {
  it('is a valid BagIt 1.0 bag that sha256sum -c accepts after unzip', async (context) => {
    const path = await goodBag();
    const validation = await validateZipBag(path);
    expect(validation.problems).toEqual([]);
    expect(validation.root).toBe(ROOT);
    expect(validation.info.find((f) => f.label === 'Payload-Oxum')?.value).toBe(`${38 * 20_000 + 16 + Buffer.byteLength('anotação\n')}.3`);
    expect(validation.info.find((f) => f.label === 'Bagging-Date')?.value).toBe('2026-11-24');

    context.skip(!hasTool('unzip') || !hasTool('sha256sum'), 'unzip or sha256sum is not installed (Debian: unzip, coreutils).');
    expect(run('unzip', ['-q', path, '-d', dir.file('out')]).code).toBe(0);
    const bag = join(dir.file('out'), ROOT);
    expect(readdirSync(bag).sort()).toEqual(['bag-info.txt', 'bagit.txt', 'data', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']);
    const payload = run('sha256sum', ['-c', 'manifest-sha256.txt'], bag);
    expect(payload.code).toBe(0);
    expect(payload.out).toContain('data/corrections.jsonl: OK');
    expect(run('sha256sum', ['-c', 'tagmanifest-sha256.txt'], bag).code).toBe(0);
    expect(readFileSync(join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });

  it('encrypted, opens in 7-Zip and checks the same way', async (context) => {
    const path = await goodBag('aes.zip', 'segredo');
    expect((await validateZipBag(path, { password: 'segredo' })).problems).toEqual([]);
    const seven = sevenZip();
    context.skip(seven === null || !hasTool('sha256sum'), SEVEN_ZIP_MISSING);
    expect(run(seven as string, ['x', '-psegredo', `-o${dir.file('out')}`, path]).code).toBe(0);
    expect(run('sha256sum', ['-c', 'manifest-sha256.txt'], join(dir.file('out'), ROOT)).code).toBe(0);
  });

  it('refuses the wrong passphrase before looking at the bag', async () => {
    const path = await goodBag('aes.zip', 'segredo');
    await expect(validateZipBag(path, { password: 'outra' })).rejects.toMatchObject({ code: 'ZIP_PASSWORD_WRONG' });
    await expect(validateZipBag(path)).rejects.toBeInstanceOf(ZipError);
  });
});

describe('validating a bag names each problem', () => {
  it('accepts the hand-made reference bag', async () => {
    expect(await codes(await handBag(() => {}))).toEqual([]);
  });

  it('a file added to data/ after bagging (re-zipped with an extra file)', async () => {
    const path = await handBag(() => {}, { extraEntries: [{ name: `${ROOT}/data/intruso.txt`, data: 'x' }] });
    const validation = await validateZipBag(path);
    expect(validation.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['PAYLOAD_UNLISTED', 'OXUM_MISMATCH']));
    expect(validation.problems.find((p) => p.code === 'PAYLOAD_UNLISTED')?.message).toContain('data/intruso.txt');
  });

  it('a payload file changed after bagging', async () => {
    expect(await codes(await handBag((f) => f.set('data/a.txt', 'PRIMEIRO\n')))).toEqual(['PAYLOAD_CHECKSUM']);
  });

  it('a payload file removed', async () => {
    expect(await codes(await handBag((f) => f.delete('data/b.txt')))).toEqual(expect.arrayContaining(['PAYLOAD_MISSING', 'OXUM_MISMATCH']));
  });

  it('a manifest path leaving the bag', async () => {
    const path = await handBag((f) => f.set('manifest-sha256.txt', `${f.get('manifest-sha256.txt')}${sha('x')}  data/../../etc/passwd\n`));
    expect(await codes(path)).toEqual(['PATH_UNSAFE']);
  });

  it('a malformed or duplicated manifest line', async () => {
    expect(await codes(await handBag((f) => f.set('manifest-sha256.txt', `${f.get('manifest-sha256.txt')}isto não é uma linha\n`)))).toEqual(['MANIFEST_LINE_INVALID']);
    const dup = await handBag((f) => f.set('manifest-sha256.txt', `${f.get('manifest-sha256.txt')}${sha('primeiro\n')}  data/a.txt\n`));
    expect(await codes(dup)).toEqual(['MANIFEST_DUPLICATE']);
  });

  it('a wrong Payload-Oxum, a missing required field, a missing or wrong bagit.txt', async () => {
    expect(await codes(await handBag((f) => f.set('bag-info.txt', formatBagInfo([...INFO, { label: 'Payload-Oxum', value: '999.2' }]))))).toEqual(['OXUM_MISMATCH']);
    expect(await codes(await handBag((f) => f.set('bag-info.txt', 'Payload-Oxum: 17.2\n')))).toEqual(['BAG_INFO_FIELD_MISSING']);
    expect(await codes(await handBag((f) => f.delete('bagit.txt')))).toEqual(['BAGIT_TXT_MISSING']);
    expect(await codes(await handBag((f) => f.set('bagit.txt', 'BagIt-Version: 0.96\nTag-File-Character-Encoding: UTF-8\n')))).toEqual(['BAGIT_TXT_INVALID']);
  });

  it('missing manifests', async () => {
    expect(await codes(await handBag((f) => f.delete('manifest-sha256.txt')))).toContain('MANIFEST_MISSING');
    expect(await codes(await handBag(() => {}, { tagManifest: false }))).toEqual(['TAGMANIFEST_MISSING']);
  });

  it('a description file changed or added after bagging', async () => {
    const changed = await handBag((f) => {
      f.set('tagmanifest-sha256.txt', `${sha('outro conteúdo')}  bag-info.txt\n${sha(BAGIT_TXT)}  bagit.txt\n${sha(f.get('manifest-sha256.txt') as string)}  manifest-sha256.txt\n`);
    });
    expect(await codes(changed)).toEqual(['TAG_CHECKSUM']);
    const added = await handBag(() => {}, { extraEntries: [{ name: `${ROOT}/leia-me.txt`, data: 'acrescentado' }] });
    expect(await codes(added)).toEqual(['TAG_FILE_UNLISTED']);
  });

  it('anything outside the single top-level folder', async () => {
    const path = await handBag(() => {}, { extraEntries: [{ name: 'solto.txt', data: 'x' }] });
    const validation = await validateZipBag(path);
    expect(validation.problems.map((p) => p.code)).toEqual(['BAG_ROOT']);
    expect(validation.problems[0]?.message).toContain('solto.txt');
  });
});

describe('atomic writes', () => {
  it('renames a complete file to its final name and leaves no partial file', async () => {
    const final = dir.file('saida.zip');
    await writeAtomically(final, async (partial) => {
      expect(partial).toMatch(new RegExp(`/\\.saida\\.zip\\.partial-${process.pid}-\\d+-[0-9a-f]{12}$`));
      writeFileSync(partial, 'conteúdo');
    });
    expect(readFileSync(final, 'utf8')).toBe('conteúdo');
    expect(readdirSync(dir.dir)).toEqual(['saida.zip']);
  });

  it('when writing fails, nothing appears under the final name and the partial file is removed', async () => {
    const final = dir.file('saida.zip');
    await expect(
      writeAtomically(final, async (partial) => {
        writeFileSync(partial, 'metade');
        throw new Error('disco cheio');
      }),
    ).rejects.toThrow('disco cheio');
    expect(readdirSync(dir.dir)).toEqual([]);
  });

  it('never replaces an existing file', async () => {
    const final = dir.file('saida.zip');
    writeFileSync(final, 'anterior');
    await expect(writeAtomically(final, async (partial) => writeFileSync(partial, 'novo'))).rejects.toBeInstanceOf(FinalNameTakenError);
    expect(readFileSync(final, 'utf8')).toBe('anterior');
    expect(readdirSync(dir.dir)).toEqual(['saida.zip']);
  });

  it('cleans up partial files left by a killed writer, not recent ones', async () => {
    mkdirSync(dir.file('pasta'));
    const old = join(dir.file('pasta'), '.a.zip.partial-0123456789ab');
    const recent = join(dir.file('pasta'), '.b.zip.partial-ba9876543210');
    writeFileSync(old, 'x');
    writeFileSync(recent, 'x');
    writeFileSync(join(dir.file('pasta'), 'c.zip'), 'x');
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(old, hourAgo, hourAgo);
    expect(await removeStalePartials(dir.file('pasta'), 600_000)).toEqual(['.a.zip.partial-0123456789ab']);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(join(dir.file('pasta'), 'c.zip'))).toBe(true);
  });

  it('removes at once a partial file whose writer no longer runs, and keeps a running writer\'s however old', async () => {
    mkdirSync(dir.file('pasta'));
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const killed = `.lote.zip.partial-${gone}-0-0123456789ab`;
    writeFileSync(join(dir.file('pasta'), killed), 'dados da metade de um lote');
    const running = `.outro.zip.partial-${process.pid}-0-ba9876543210`;
    writeFileSync(join(dir.file('pasta'), running), 'x');
    const dayAgo = new Date(Date.now() - 86_400_000);
    utimesSync(join(dir.file('pasta'), running), dayAgo, dayAgo);
    expect(await removeStalePartials(dir.file('pasta'), 600_000)).toEqual([killed]);
    expect(readdirSync(dir.file('pasta'))).toEqual([running]);
  });
});
