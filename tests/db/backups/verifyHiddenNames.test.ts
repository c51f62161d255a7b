// A zip given to the desk whose names carry invisible characters — a right-to-left override that
// makes "data/<RLO>etisnart" read as "data/transite", a C1 control that drives a terminal — is
// refused as unsafe, like a name with a line break, and the message never carries them.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildZip } from '../../fixtures/imports/zipWriter';
import { unzipEntries } from '../../fuzz/generators';
import { backupDesksForEachTest } from './fixtures';

const desks = backupDesksForEachTest();
const HIDDEN = /[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('a backup with a hidden character in a name inside it', () => {
  it.each([
    ['a right-to-left override', 'data/\u202eetisnart.txt'],
    ['a bidirectional isolate', 'data/\u2066nota\u2069.txt'],
    ['a C1 control (CSI)', 'data/\u009b2Jnota.txt'],
  ])('is refused as an unsafe path (%s), and the message shows no hidden character', async (_, name) => {
    const b = await desks.setUp();
    const made = await b.create();
    const entries = unzipEntries(readFileSync(made.file));
    const root = entries[0]!.name.split('/')[0]!;
    const file = b.dir.file('backup-alterado.zip');
    writeFileSync(file, buildZip([...entries.map((e) => ({ name: e.name, data: e.data })), { name: `${root}/${name}`, data: 'x' }]));
    const verification = await b.verify(file);
    expect(verification.valid).toBe(false);
    expect(verification.problems.map((p) => p.code)).toContain('ZIP_UNSAFE_PATH');
    for (const problem of verification.problems) expect(problem.message).not.toMatch(HIDDEN);
  });
});

describe('a zip whose names are in CP437 (an older Windows tool, without the UTF-8 flag)', () => {
  it('reads its accented letters as letters, not as hidden characters: it is told it is not a backup', async () => {
    const b = await desks.setUp();
    // "Configura~ao.txt" written, then its "~" turned into CP437's "ç" (0x87), which Latin-1 reads as a control.
    const zip = buildZip([{ name: 'Configura~ao.txt', data: 'anotações' }]);
    const marker = Buffer.from('Configura~ao.txt');
    for (let at = zip.indexOf(marker); at >= 0; at = zip.indexOf(marker, at + 1)) zip[at + 9] = 0x87;
    const file = b.dir.file('anotacoes.zip');
    writeFileSync(file, zip);
    const verification = await b.verify(file);
    expect(verification.problems.map((p) => p.code)).toEqual(['NOT_A_BACKUP']);
  });
});
