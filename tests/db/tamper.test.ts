// Tampering with the store file behind the desk's back: what the keyed chain, the row seals and the
// guard check on open catch, and what the clerk is told. Each test uses a key file of its own.
import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../db';
import { anchorMac, appendAudit, entryHash, GENESIS_HASH, readAnchor, replaceLostKey, sealNewColumns, verifyAuditChain } from '../../db/audit';
import { AUDIT_KEY_ENV, createAuditKey, readAuditKey } from '../../db/auditKey';
import { DigestAccumulator, rowJsonSql, SEALED_COLUMNS, sealOf } from '../../db/auditSeals';
import { MIGRATIONS } from '../../db/migrate';
import { createHandlers } from '../../db/handlers';
import type { Handlers } from '../../shared/contract';
import type { AuditVerification } from '../../shared/contract/audit';
import type { Professional } from '../../shared/domain';
import { addProfessional, EVIDENCE, REASON, tempDir, type TempDir } from './fixtures';
import { openRawStore } from '../rawStore';

let dir: TempDir;
let store: Store;
let handlers: Handlers;
let maria: Professional;
const savedKeyEnv = process.env[AUDIT_KEY_ENV];

function open(options: { adoptOtherKey?: boolean } = {}): void {
  store = openStore({ path: dir.file('store.sqlite'), ...options });
  handlers = createHandlers(store, { appVersion: '0.0.0-test', now: () => new Date('2026-03-10T13:00:00.000Z') });
}

function reopen(): void {
  store.close();
  open();
}

function save(p: Professional, changes: Record<string, unknown>) {
  const current = (handlers['registry:get']({ id: p.id }) as { professional: Professional }).professional;
  return handlers['corrections:save']({ professionalId: p.id, expectedRowVersion: current.rowVersion, changes, reason: REASON, evidence: EVIDENCE } as never) as {
    corrections: { uuid: string; field: string }[];
  };
}

/** What someone with the file and a SQLite tool does: the file, outside the desk. */
function outside(fn: (db: Database.Database) => void): void {
  store.close();
  const db = openRawStore(dir.file('store.sqlite'));
  try {
    fn(db);
  } finally {
    db.close();
  }
  open();
}

/** Recomputes every SHA-256 hash of the trail and the anchor, as the old check would want them. */
function recomputeChain(db: Database.Database): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Parameters<typeof entryHash>[1][];
  let prev = GENESIS_HASH;
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const row of rows) {
    const hash = entryHash(prev, row);
    update.run(prev, hash, row.id);
    prev = hash;
  }
  db.prepare('UPDATE audit_anchor SET count = ?, last_hash = ? WHERE id = 1').run(rows.length, prev);
}

function dropAuditGuards(db: Database.Database): void {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete');
}

/** What someone who knows the old SHA-256 check does: drops the trail's guards, runs `edits`, recomputes the chain and the anchor, then runs `afterwards`. */
function rewriteTrail(db: Database.Database, edits: string[], afterwards: string[] = []): void {
  dropAuditGuards(db);
  for (const sql of edits) db.prepare(sql).run();
  recomputeChain(db);
  for (const sql of afterwards) db.prepare(sql).run();
}

async function verify(): Promise<AuditVerification> {
  return (await handlers['audit:verify']({})) as AuditVerification;
}

beforeEach(() => {
  dir = tempDir();
  process.env[AUDIT_KEY_ENV] = dir.file('keys/audit.key');
  open();
  handlers['settings:setup']({ region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 });
  maria = addProfessional(store, { registrationNumber: '40001', motherName: 'Antônia da Silva' });
  save(maria, { email: 'nova@exemplo.com.br' });
  save(maria, { phone: '11987654321' });
});

afterEach(() => {
  store.close();
  dir.cleanup();
  if (savedKeyEnv === undefined) delete process.env[AUDIT_KEY_ENV];
  else process.env[AUDIT_KEY_ENV] = savedKeyEnv;
});

describe('the keyed audit chain', () => {
  it('verifies a trail the desk wrote, signed from its first entry, with every row matching', async () => {
    expect(await verify()).toMatchObject({ ok: true, entries: 3, signedFrom: 1, problem: null, problemFrom: null, rows: [], rowProblems: 0, notices: [] });
  });

  it('is broken when someone drops the triggers, edits an entry and recomputes the SHA-256 chain and the anchor', async () => {
    outside((db) => rewriteTrail(db, ["UPDATE audit_log SET detail = replace(detail, 'nova@', 'outra@'), operator = 'Intrusa' WHERE id = 2"]));
    const result = await verify();
    expect(result).toMatchObject({ ok: false, brokenAt: 2, problemFrom: 'chain' });
    expect(result.problem).toMatch(/A entrada 2 do histórico foi alterada depois de gravada: a assinatura não confere/);
  });

  it('is broken when the newest entries are deleted and the chain and the anchor recomputed', async () => {
    outside((db) =>
      rewriteTrail(db, ['DELETE FROM audit_log WHERE id = 3', "DELETE FROM sqlite_sequence WHERE name = 'audit_log'"], [
        // The anchor's signature fields as they were before the last entry: only the key could remake them.
        'UPDATE audit_anchor SET last_mac = (SELECT mac FROM audit_log WHERE id = 2) WHERE id = 1',
      ]),
    );
    const result = verifyAuditChain(store.db);
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/controle do histórico foi alterado fora do CRESS Desk/);
  });

  it('does not pass for intact when the signatures are stripped and the chain recomputed', async () => {
    outside((db) =>
      rewriteTrail(db, ["UPDATE audit_log SET mac = NULL, detail = replace(detail, 'nova@', 'outra@')", 'UPDATE audit_anchor SET key_id = NULL, last_mac = NULL, mac = NULL']),
    );
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/perdeu as assinaturas/);
  });

  it('is broken by an entry slipped in with a correct SHA-256 hash', () => {
    const last = store.db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string };
    const row = { id: 4, at: '2026-03-10T13:00:00.000Z', operator: 'Intrusa', action: 'correction.save', entity: 'professional', entity_id: String(maria.id), detail: '{}' };
    const hash = entryHash(last.hash, row);
    store.db.prepare('INSERT INTO audit_log (id, at, operator, action, entity, entity_id, detail, prev_hash, hash) VALUES (@id, @at, @operator, @action, @entity, @entity_id, @detail, @prev, @hash)').run({ ...row, prev: last.hash, hash });
    store.db.prepare('UPDATE audit_anchor SET count = 4, last_hash = ?').run(hash);
    expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, brokenAt: 4 });
  });
});

describe('replaying the chain against the data', () => {
  it('names a correction whose new value was edited in the file, by registration number and field, never the value', async () => {
    outside((db) => db.prepare("UPDATE corrections SET new_value = 'golpe@exemplo.com' WHERE field = 'email'").run());
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([
      expect.objectContaining({ table: 'corrections', registrationNumber: '40001', fields: ['new_value'], message: expect.stringMatching(/^Correção \d+ \(cadastro 40001\): valor novo foi alterado fora do CRESS Desk\.$/) }),
    ]);
    expect(JSON.stringify(result)).not.toContain('golpe@');
  });

  it("names a professional whose mother's name was edited in the file", async () => {
    outside((db) => db.prepare("UPDATE professionals SET mother_name = 'Outra Pessoa' WHERE registration_number = '40001'").run());
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([
      expect.objectContaining({ table: 'professionals', registrationNumber: '40001', fields: ['mother_name'], message: 'Cadastro 40001: Nome da mãe foi alterado fora do CRESS Desk.' }),
    ]);
    expect(result.problem).toContain('Cadastro 40001');
    // The verdict says its problem sums up the rows (the command line then lists them instead).
    expect(result.problemFrom).toBe('rows');
    expect(JSON.stringify(result)).not.toContain('Outra Pessoa');
  });

  it('names the rows also when the edit was made with the row-seal triggers dropped', async () => {
    outside((db) => {
      db.exec('DROP TRIGGER professionals_unsealed_update');
      db.prepare("UPDATE professionals SET mother_name = 'Outra Pessoa', email = 'x@y.com' WHERE registration_number = '40001'").run();
    });
    const result = await verify();
    expect(result.rows[0]).toMatchObject({ registrationNumber: '40001', fields: ['mother_name', 'email'], message: 'Cadastro 40001: Nome da mãe e E-mail foram alterados fora do CRESS Desk.' });
  });

  it('finds a professional deleted together with its seal, and one put back to an older version', async () => {
    const other = addProfessional(store, { registrationNumber: '40002' });
    save(other, { email: 'segunda@exemplo.com.br' });
    const before = store.db.prepare('SELECT * FROM professionals WHERE id = ?').get(maria.id) as Record<string, unknown>;
    const oldSeal = store.db.prepare('SELECT seal FROM professional_seals WHERE id = ?').pluck().get(maria.id);
    save(maria, { email: 'terceira@exemplo.com.br' });
    outside((db) => {
      db.pragma('foreign_keys = OFF');
      db.exec('DROP TRIGGER professionals_unsealed_delete; DROP TRIGGER professionals_unsealed_update; DROP TRIGGER corrections_unsealed_delete');
      db.prepare('DELETE FROM corrections WHERE professional_id = ?').run(other.id);
      db.prepare('DELETE FROM correction_seals WHERE id NOT IN (SELECT id FROM corrections)').run();
      db.prepare('DELETE FROM professionals WHERE id = ?').run(other.id);
      db.prepare('DELETE FROM professional_seals WHERE id = ?').run(other.id);
      // Maria's row and seal as a copy of an hour ago had them: each is sound alone.
      db.prepare('UPDATE professionals SET email = ?, row_version = ?, updated_at = ? WHERE id = ?').run(before.email, before.row_version, before.updated_at, maria.id);
      db.prepare('UPDATE professional_seals SET seal = ? WHERE id = ?').run(oldSeal, maria.id);
    });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.rows.map((r) => r.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Os cadastros não conferem com o controle do histórico/), expect.stringMatching(/^As correções não conferem com o controle do histórico/)]),
    );
  });

  it('accepts every write the desk makes: corrections, cancellations, lotes, new records', async () => {
    const saved = save(maria, { name: 'Maria José da Silva Souza' });
    expect(saved.corrections).toHaveLength(1);
    handlers['corrections:cancel']({ uuid: saved.corrections[0]!.uuid, reason: 'Digitado no cadastro errado' });
    addProfessional(store, { registrationNumber: '40003' });
    handlers['batches:create']({});
    expect(await verify()).toMatchObject({ ok: true, rows: [] });
  });

  it('records, when the store opens, rows another program wrote while the desk was closed, and names them', async () => {
    outside((db) => db.prepare("UPDATE professionals SET city = 'Santos' WHERE registration_number = '40001'").run());
    const recorded = store.db.prepare("SELECT detail FROM audit_log WHERE action = 'store.outside_changes'").pluck().all();
    expect(recorded).toEqual([JSON.stringify({ professionals: 1, corrections: 0, rows: [{ t: 'p', id: maria.id, c: ['city'] }] })]);
    // The next write of the desk does not seal the change in.
    save(maria, { email: 'depois@exemplo.com.br' });
    const result = await verify();
    expect(result.rows).toEqual([expect.objectContaining({ registrationNumber: '40001', fields: ['city'] })]);
    expect(result.notices.join(' ')).toMatch(/havia 1 cadastro alterado e 0 correções alteradas por outro programa/);
    expect(result.rows[0]?.message).toBe(`Cadastro 40001: Município foi alterado fora do CRESS Desk (encontrado ao abrir o banco em ${result.rows[0]?.message.match(/em (.*)\)\.$/)?.[1]}).`);
  });
});

describe('guard triggers on open', () => {
  it('puts back a dropped or altered guard, removes a trigger no migration made, and records it in the chain', async () => {
    outside((db) => {
      db.exec('DROP TRIGGER batches_no_delete');
      db.exec('DROP TRIGGER audit_log_no_update');
      db.exec("DROP TRIGGER corrections_content_fixed; CREATE TRIGGER corrections_content_fixed BEFORE UPDATE ON corrections WHEN 0 BEGIN SELECT 1; END");
      db.exec("CREATE TRIGGER sneaky AFTER INSERT ON corrections BEGIN UPDATE corrections SET new_value = 'x' WHERE id = NEW.id; END");
    });
    const triggers = store.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string; sql: string }[];
    const names = triggers.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['batches_no_delete', 'audit_log_no_update', 'corrections_content_fixed']));
    expect(names).not.toContain('sneaky');
    expect(triggers.find((t) => t.name === 'corrections_content_fixed')?.sql).toContain("WHEN OLD.status <> 'pending'");
    expect(() => store.db.prepare("UPDATE audit_log SET operator = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    const entry = store.db.prepare("SELECT detail FROM audit_log WHERE action = 'store.guards_restored'").pluck().get() as string;
    expect(JSON.parse(entry)).toEqual({ missing: expect.arrayContaining(['batches_no_delete', 'audit_log_no_update']), altered: ['corrections_content_fixed'], foreign: ['sneaky'] });
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.notices.join(' ')).toMatch(/gatilhos de proteção foram restaurados \(ausentes: .*batches_no_delete.*; alterados: corrections_content_fixed; incluídos por outro programa e removidos: sneaky\)/);
    // Opening again finds nothing to do.
    reopen();
    expect(store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'store.guards_restored'").pluck().get()).toBe(1);
  });
});

describe('the audit key', () => {
  it('lives outside the store in a file only its user may read, named by CRESS_DESK_AUDIT_KEY_FILE', () => {
    const path = dir.file('keys/audit.key');
    expect(existsSync(path)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const key = readAuditKey(path);
    expect(store.db.prepare('SELECT key_id FROM audit_anchor').pluck().get()).toBe(key?.id);
    // The store never holds the key itself.
    const hex = key?.bytes.toString('hex') as string;
    const dump = store.db.prepare("SELECT group_concat(detail) FROM audit_log").pluck().get() as string;
    expect(dump).not.toContain(hex);
  });

  it('missing: writes are refused and verify says so, naming where the key should be', async () => {
    rmSync(dir.file('keys/audit.key'));
    reopen(); // opening still works: the records can be read
    expect(() => save(maria, { email: 'sem-chave@exemplo.com.br' })).toThrow(expect.objectContaining({ code: 'AUDIT_KEY_MISSING', message: expect.stringContaining(dir.file('keys/audit.key')) }));
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problem).toMatch(/A chave que assina o histórico de auditoria deste banco não foi encontrada/);
  });

  it('lost for good: a new key is started and recorded, and the entries before it are checked by SHA-256 only', async () => {
    rmSync(dir.file('keys/audit.key'));
    reopen();
    const replaced = replaceLostKey(store.db, '2026-03-11T10:00:00.000Z');
    expect(replaced.previousKeyId).not.toBe(replaced.keyId);
    save(maria, { email: 'nova-chave@exemplo.com.br' });
    const result = await verify();
    expect(result).toMatchObject({ ok: true, entries: 5, rows: [] });
    expect(result.notices.join(' ')).toMatch(/As entradas 1 a 3 foram assinadas com uma chave que se perdeu; uma nova chave assina o histórico desde a entrada 4/);
  });

  it('a store signed on another desk, restored here, is signed by this desk from then on', async () => {
    process.env[AUDIT_KEY_ENV] = createAuditKey(dir.file('keys/this-desk.key')).path;
    store.close();
    open({ adoptOtherKey: true }); // as a restore opens it
    appendAudit(store.db, { at: '2026-03-11T10:00:00.000Z', operator: 'Ana Paula', action: 'backup.restore', entity: 'backup', entityId: 'b.zip', detail: {} });
    const result = await verify();
    expect(result.ok).toBe(true);
    expect(result.notices.join(' ')).toMatch(/As entradas 1 a 3 foram assinadas em outro computador \(backup restaurado\)/);
  });

  it('a store signed with another key that did not come through a restore is reported', async () => {
    process.env[AUDIT_KEY_ENV] = createAuditKey(dir.file('keys/this-desk.key')).path;
    store.close();
    open({ adoptOtherKey: true }); // as a restore opens it
    save(maria, { email: 'outra-mesa@exemplo.com.br' });
    const result = await verify();
    expect(result).toMatchObject({ ok: false, brokenAt: 4 });
    expect(result.problem).toMatch(/sem uma restauração de backup/);
  });

  it('opened with another desk’s key by mistake, the store is not signed over: writes are refused, and with its own key back it is intact', async () => {
    const own = process.env[AUDIT_KEY_ENV];
    process.env[AUDIT_KEY_ENV] = createAuditKey(dir.file('keys/other-desk.key')).path;
    reopen();
    const entries = store.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    expect(() => save(maria, { email: 'chave-errada@exemplo.com.br' })).toThrow(
      expect.objectContaining({ code: 'AUDIT_KEY_MISSING', message: expect.stringContaining('cress-desk audit new-key --yes') }),
    );
    expect(store.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'audit.key_started'").pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(entries);

    process.env[AUDIT_KEY_ENV] = own;
    reopen();
    save(maria, { email: 'chave-certa@exemplo.com.br' });
    expect(await verify()).toMatchObject({ ok: true, rows: [] });
  });
});

describe('a store from before signing', () => {
  it('is signed on its first open: earlier entries stay checked by SHA-256, the start is recorded, and editing one is still found', async () => {
    store.close();
    const path = dir.file('old.sqlite');
    const old = new Database(path);
    const before = MIGRATIONS.findIndex((m) => m.tag.startsWith('0008_'));
    for (const migration of MIGRATIONS.slice(0, before)) for (const statement of migration.statements) old.exec(statement);
    old.pragma(`user_version = ${before}`);
    old.prepare("INSERT INTO settings (id, region, uf, operator, created_at, updated_at) VALUES (1, 9, 'SP', 'Ana', 'x', 'x')").run();
    let prev = GENESIS_HASH;
    for (let id = 1; id <= 3; id++) {
      const row = { id, at: '2025-01-0' + id + 'T10:00:00.000Z', operator: 'Ana', action: 'settings.update', entity: 'settings', entity_id: '1', detail: '{}' };
      const hash = entryHash(prev, row);
      old.prepare('INSERT INTO audit_log (id, at, operator, action, entity, entity_id, detail, prev_hash, hash) VALUES (@id, @at, @operator, @action, @entity, @entity_id, @detail, @prev, @hash)').run({ ...row, prev, hash });
      prev = hash;
    }
    old.prepare('UPDATE audit_anchor SET count = 3, last_hash = ?').run(prev);
    old.close();

    store = openStore({ path });
    handlers = createHandlers(store, { appVersion: '0.0.0-test' });
    const start = store.db.prepare("SELECT id, detail FROM audit_log WHERE action = 'audit.key_started'").get() as { id: number; detail: string };
    expect(start.id).toBe(4);
    expect(JSON.parse(start.detail)).toMatchObject({ reason: 'upgrade', previousKeyId: null });
    const result = await verify();
    expect(result).toMatchObject({ ok: true, signedFrom: 4 });
    expect(result.notices[0]).toMatch(/desde a entrada 4/);

    store.close();
    const db = openRawStore(path);
    rewriteTrail(db, ["UPDATE audit_log SET operator = 'Intrusa' WHERE id = 2"]);
    db.close();
    store = openStore({ path });
    expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, brokenAt: 4 });
  });
});

describe('the seals', () => {
  it('cover every column of professionals and corrections, in the order the migrations made them', () => {
    for (const table of ['professionals', 'corrections'] as const) {
      expect(store.db.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).pluck().all()).toEqual([...SEALED_COLUMNS[table]]);
    }
  });

  it('made before a migration appended a column are checked and made again over every column; a row edited since stays reported', async () => {
    const joana = addProfessional(store, { registrationNumber: '40002', name: 'Joana Lima' });
    save(maria, { email: 'maria@exemplo.org' });
    const key = readAuditKey()!;
    const older = SEALED_COLUMNS.professionals.length - 1;
    // The store as a desk left it before its last professionals column existed: seals over the
    // first columns only, the anchor's digest over those seals.
    const rows = store.db.prepare(`SELECT t.id, ${rowJsonSql('professionals', 't', older)} FROM professionals t`).raw().all() as [number, string][];
    const digest = new DigestAccumulator(null);
    for (const [id, json] of rows) {
      const seal = sealOf(key.bytes.toString('hex'), 'professionals', json, older);
      store.db.prepare('UPDATE professional_seals SET seal = ? WHERE id = ?').run(seal, id);
      digest.add(seal);
    }
    const anchor = { ...readAnchor(store.db)!, professionalsDigest: digest.hex() };
    store.db.prepare('UPDATE audit_anchor SET professionals_digest = ?, mac = ? WHERE id = 1').run(digest.hex(), anchorMac(key, anchor));
    // Meanwhile someone edited Joana's name in the file (and hid it from the desk's queue).
    store.db.prepare("UPDATE professionals SET name = 'Joana Trocada' WHERE id = ?").run(joana.id);
    store.db.prepare('DELETE FROM audit_unsealed').run();
    expect((await verify()).ok).toBe(false);

    expect(sealNewColumns(store.db)).toBe(1);

    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.rows.filter((row) => row.table === 'professionals').map((row) => row.registrationNumber)).toEqual(['40002']);
    // Once Joana's record is put back as it was sealed, the whole store verifies again.
    store.db.prepare("UPDATE professionals SET name = 'Joana Lima' WHERE id = ?").run(joana.id);
    store.db.prepare('DELETE FROM audit_unsealed').run();
    expect(sealNewColumns(store.db)).toBe(0);
    expect(await verify()).toMatchObject({ ok: true });
  });
});
