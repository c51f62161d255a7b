// A store made before the mother fact became one item is carried over: its pending two-item
// mother corrections become one, sealed lotes keep their package format, the history starts with
// the corrections already saved, and every record's pendências are computed on first open.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db';
import { tempDir, type TempDir } from './fixtures';
import { storeBefore } from './migrationDesk';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

/** A store at the schema before this change, with data as that version wrote it. */
function legacyStore(path: string): void {
  storeBefore('0007_three_copies', path, legacyRows);
}

function legacyRows(db: Database.Database): void {
  const at = '2026-02-01T12:00:00.000Z';
  db.prepare(`INSERT INTO settings (id, region, uf, operator, created_at, updated_at) VALUES (1, 9, 'SP', 'Ana', ?, ?)`).run(at, at);
  const insert = db.prepare(
    `INSERT INTO professionals (registration_number, cpf, name, name_folded, mother_name, mother_not_listed, dip_status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'none', ?, ?)`,
  );
  insert.run('1001', '52998224725', 'Júlia Nunes', 'julia nunes', null, 1, at, at); // flag set, name cleared: two pending items
  insert.run('1002', '11144477735', 'Maria Sem Mãe', 'maria sem mae', null, 0, at, at); // neither: a pendência
  insert.run('1003', '12345678909', 'Rosa Lote Fechado', 'rosa lote fechado', null, 1, at, at);
  const correction = db.prepare(
    `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, operator, created_at, status, batch_id)
     VALUES (?, ?, ?, ?, ?, 'RG sem filiação materna', 'Ana', ?, ?, ?)`,
  );
  correction.run('00000000-0000-4000-8000-000000000001', 1, 'motherName', 'Júlia Antiga', null, at, 'pending', null);
  correction.run('00000000-0000-4000-8000-000000000002', 1, 'motherNotListed', 'false', 'true', at, 'pending', null);
  db.prepare(
    `INSERT INTO batches (id, uuid, region, year, seq, number, state, operator, created_at, sealed_at) VALUES (1, 'b1', 9, 2026, 1, '2026-0001', 'sealed', 'Ana', ?, ?)`,
  ).run(at, at);
  correction.run('00000000-0000-4000-8000-000000000003', 3, 'motherName', 'Rosa Antiga', null, at, 'batched', 1);
  correction.run('00000000-0000-4000-8000-000000000004', 3, 'motherNotListed', 'false', 'true', at, 'batched', 1);
}

describe('migration of a store made before one mother item', () => {
  it('merges a pending pair into one mother correction and leaves a sealed lote as it was', () => {
    const path = dir.file('legacy.sqlite');
    legacyStore(path);
    const store = openStore({ path });
    try {
      const rows = store.db.prepare('SELECT uuid, field, old_value, new_value, status FROM corrections ORDER BY id').all();
      expect(rows).toEqual([
        {
          uuid: '00000000-0000-4000-8000-000000000001',
          field: 'mother',
          old_value: JSON.stringify({ motherName: 'Júlia Antiga', motherNotListed: false }),
          new_value: JSON.stringify({ motherName: null, motherNotListed: true }),
          status: 'pending',
        },
        expect.objectContaining({ uuid: '00000000-0000-4000-8000-000000000003', field: 'motherName', status: 'batched' }),
        expect.objectContaining({ uuid: '00000000-0000-4000-8000-000000000004', field: 'motherNotListed', status: 'batched' }),
      ]);
      expect(store.db.prepare('SELECT schema_version FROM batches').get()).toEqual({ schema_version: 1 });
      expect(store.db.prepare('SELECT count(*) AS n FROM record_history').get()).toEqual({ n: 3 });
      // The mother's case (F); these old records also lack an e-mail (case D), which is not this test's matter.
      const pendencies = store.db.prepare("SELECT p.registration_number, d.code FROM pendencies d JOIN professionals p ON p.id = d.professional_id WHERE d.case_letter = 'F'").all();
      expect(pendencies).toEqual([{ registration_number: '1002', code: 'MOTHER_MISSING' }]);
    } finally {
      store.close();
    }
  });

  it('keeps the guards: a correction of a sealed lote still cannot be edited or cancelled', () => {
    const path = dir.file('legacy.sqlite');
    legacyStore(path);
    const store = openStore({ path });
    try {
      expect(() => store.db.prepare("UPDATE corrections SET new_value = 'x' WHERE uuid = '00000000-0000-4000-8000-000000000003'").run()).toThrow(/never edited/);
      expect(() => store.db.prepare("UPDATE corrections SET status = 'cancelled' WHERE uuid = '00000000-0000-4000-8000-000000000003'").run()).toThrow();
      expect(() => store.db.prepare('UPDATE batches SET schema_version = 2').run()).toThrow(/never changes/);
    } finally {
      store.close();
    }
  });
});
