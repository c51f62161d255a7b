// An import hashes what it reads: the SHA-256 it records is the one of the rows it wrote, and a
// spreadsheet saved again while it is read (or since the clerk's preview) is refused with nothing
// written — never half of one version and half of the other.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectImport } from '../../../db/imports/inspect';
import { contract } from '../../../shared/contract';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport, type TestJobContext } from '../../fixtures/imports/jobs';
import { storeState } from '../../fixtures/imports/storeState';
import { buildXlsx } from '../../fixtures/imports/zipWriter';
import type { TempDir, TestDesk } from '../fixtures';
import { posixOnly } from '../../posixOnly';

let desk: TestDesk;
let people: Record<Person, Professional>;
let files: TempDir;
deskWithPeopleForEachTest((fresh) => ({ desk, people, files } = fresh));

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** 3 000 e-mail corrections of one professional; `domain` tells one version of the file from another. */
function rows(domain: string): string[][] {
  return [['CPF', 'E-mail'], ...Array.from({ length: 3000 }, (_, i) => [people.ana.cpf, `ana${i}@${domain}.com.br`])];
}
const csv = (table: string[][]) => table.map((r) => r.join(';')).join('\r\n');

/** A job context that runs `rewrite` once, when the import has read its first rows. */
function rewrittenMidway(rewrite: () => void): TestJobContext {
  const context = jobContext(desk.store.path);
  let done = false;
  const progress = context.progress;
  context.progress = (p) => {
    progress(p);
    if (!done && p.label.includes('lidas')) {
      done = true;
      rewrite();
    }
  };
  return context;
}

const storedEmails = () => desk.store.db.prepare("SELECT count(*) FROM corrections WHERE new_value LIKE '%@nova.com.br'").pluck().get();

describe('a spreadsheet saved again while it is imported', () => {
  it('is refused when a CSV is rewritten in place midway, and nothing is written', () => {
    const path = files.file('correcoes.csv');
    writeFileSync(path, csv(rows('antiga')));
    const before = storeState(desk.store.db);
    const context = rewrittenMidway(() => writeFileSync(path, csv(rows('nova'))));
    expect(() => runImport(importInput(path, { kind: 'corrections' }), context)).toThrow(
      expect.objectContaining({ code: 'FILE_CHANGED', message: expect.stringMatching(/^A planilha “correcoes\.csv” foi alterada enquanto era importada.*nada foi gravado/i) }),
    );
    expect(storeState(desk.store.db)).toEqual(before);
    expect(storedEmails()).toBe(0);
  });

  it('is refused when an xlsx is replaced midway by a new save (written aside, then renamed over it)', () => {
    const path = files.file('correcoes.xlsx');
    writeFileSync(path, buildXlsx(rows('antiga')));
    const before = storeState(desk.store.db);
    const context = rewrittenMidway(() => {
      writeFileSync(files.file('~correcoes.xlsx'), buildXlsx(rows('nova')));
      renameSync(files.file('~correcoes.xlsx'), path);
    });
    expect(() => runImport(importInput(path, { kind: 'corrections' }), context)).toThrow(expect.objectContaining({ code: 'FILE_CHANGED' }));
    expect(storeState(desk.store.db)).toEqual(before);
  });

  it('is refused by a preview too, which would otherwise show rows of neither version', () => {
    const path = files.file('correcoes.csv');
    writeFileSync(path, csv(rows('antiga')));
    const context = rewrittenMidway(() => writeFileSync(path, csv(rows('nova')).replace(/\r\n/g, '\n')));
    expect(() => runImport(importInput(path, { kind: 'corrections', dryRun: true }), context)).toThrow(expect.objectContaining({ code: 'FILE_CHANGED' }));
  });
});

describe('a spreadsheet saved again after the clerk saw it', () => {
  it('is refused by the run when it no longer has the SHA-256 of the preview, and nothing is written', () => {
    const path = files.file('correcoes.csv');
    writeFileSync(path, csv(rows('antiga')));
    const inspected = inspectImport({ path, name: 'correcoes.csv' }, jobContext(desk.store.path));
    const preview = runImport(importInput(path, { kind: 'corrections', dryRun: true, expectedSha256: inspected.sha256 }), jobContext(desk.store.path));
    expect(preview.sha256).toBe(inspected.sha256);

    writeFileSync(path, csv(rows('nova')));
    const before = storeState(desk.store.db);
    expect(() => runImport(importInput(path, { kind: 'corrections', expectedSha256: preview.sha256 }), jobContext(desk.store.path))).toThrow(
      expect.objectContaining({ code: 'FILE_CHANGED', message: expect.stringMatching(/correcoes\.csv.*alterada depois.*Nada foi gravado/) }),
    );
    expect(storeState(desk.store.db)).toEqual(before);
  });

  it('is imported when it is the file previewed, and the SHA-256 recorded is the one of its bytes', () => {
    const path = files.file('correcoes.csv');
    writeFileSync(path, csv(rows('nova')));
    const summary = runImport(importInput(path, { kind: 'corrections', expectedSha256: sha256(path) }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: true, sha256: sha256(path) });
    expect(desk.store.db.prepare('SELECT sha256 FROM imports WHERE id = ?').pluck().get(summary.importId)).toBe(sha256(path));
    expect(storedEmails()).toBeGreaterThan(0);
  });

  it('the screen can send the SHA-256 it was shown with the preview and the run', () => {
    const request = { path: '/x/correcoes.csv', name: 'correcoes.csv', kind: 'corrections', expectedSha256: 'a'.repeat(64) };
    expect(contract['imports:preview'].input.safeParse(request).success).toBe(true);
    expect(contract['imports:run'].input.safeParse({ ...request, force: false }).success).toBe(true);
    expect(contract['imports:run'].input.safeParse({ ...request, expectedSha256: 'not a hash' }).success).toBe(false);
  });
});

describe('the copy an import reads', () => {
  it('is private to the user while it exists and gone when the import ends', (testContext) => {
    posixOnly(testContext);
    const path = files.file('correcoes.csv');
    writeFileSync(path, csv(rows('antiga')));
    const ours = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('cress-desk-import-')));
    const earlier = ours();
    const seen: { folder: number; files: number[] }[] = [];
    const context = rewrittenMidway(() => {
      for (const name of ours()) {
        if (earlier.has(name)) continue;
        const folder = join(tmpdir(), name);
        seen.push({ folder: statSync(folder).mode & 0o777, files: readdirSync(folder).map((f) => statSync(join(folder, f)).mode & 0o777) });
      }
    });
    runImport(importInput(path, { kind: 'corrections', dryRun: true }), context);
    expect(seen).toEqual([{ folder: 0o700, files: [0o600] }]);
    expect([...ours()].filter((name) => !earlier.has(name))).toEqual([]);
  });

  it('holds none of the spreadsheet’s personal data in the clear, and the rows read from it are the file’s', () => {
    const path = files.file('correcoes.csv');
    writeFileSync(path, csv(rows('antiga')));
    const ours = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('cress-desk-import-')));
    const earlier = ours();
    const copies: Buffer[] = [];
    const context = rewrittenMidway(() => {
      for (const name of ours()) {
        if (earlier.has(name)) continue;
        const folder = join(tmpdir(), name);
        for (const file of readdirSync(folder)) copies.push(readFileSync(join(folder, file)));
      }
    });
    const summary = runImport(importInput(path, { kind: 'corrections', dryRun: true }), context);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.length).toBe(statSync(path).size);
    for (const clear of [people.ana.cpf, '@antiga.com.br', 'E-mail']) expect(copies[0]!.includes(Buffer.from(clear)), clear).toBe(false);
    // Read back through its key, the copy gave the import every row of the file.
    expect(summary.rows).toBe(3000);
  });
});
