// An import's staging file holds the accepted rows of a corrections file (CPFs, e-mails, mothers'
// names) until they are written: it is as private as the store beside it, journal included.
import { statSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ImportStage } from '../../../db/imports/writer/stage';
import { posixOnly } from '../../posixOnly';
import { openTestDesk, type TestDesk } from '../fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

it('is readable by its owner only, and so is its journal while rows are staged', (context) => {
  posixOnly(context);
  const stage = ImportStage.create(desk.store.path);
  try {
    stage.addCorrection(1, 2, ['c', 1, 'Maria Aparecida dos Santos']);
    expect(modeOf(stage.path)).toBe('600');
    expect(modeOf(`${stage.path}-journal`)).toBe('600');
  } finally {
    stage.remove();
  }
});
