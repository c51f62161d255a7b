// Applies the SQL migrations drizzle-kit generated. The SQL is bundled into every build through
// Vite's import.meta.glob, so nothing depends on a migrations folder existing at run time.
import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import journal from './migrations/meta/_journal.json';
import { writeTransaction } from './storeLock';

const SQL_FILES: Record<string, string> = import.meta.glob<string>('./migrations/*.sql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export interface Migration {
  tag: string;
  statements: string[];
}

const BREAKPOINT = '--> statement-breakpoint';

/** Every migration in journal order; a journal entry without its SQL file is a build error. */
export const MIGRATIONS: readonly Migration[] = journal.entries.map((entry) => {
  const source = SQL_FILES[`./migrations/${entry.tag}.sql`];
  if (source === undefined) throw new Error(`Migration ${entry.tag} is in the journal but its SQL file is not bundled.`);
  const statements = source
    .split(BREAKPOINT)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { tag: entry.tag, statements };
});

/** The schema version this build knows: the number of migrations it ships. */
export const KNOWN_SCHEMA_VERSION: number = MIGRATIONS.length;

/** File names of the bundled SQL (for the test that every migration ships). */
export function bundledMigrationFiles(): string[] {
  return Object.keys(SQL_FILES)
    .map((key) => key.replace('./migrations/', ''))
    .sort();
}

export function schemaVersionOf(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The tables the first migration makes: every store of ours, at any version, has them. */
const FIRST_TABLES = ['audit_anchor', 'audit_log', 'cep_changes', 'cep_directory', 'corrections', 'professionals', 'settings'];

/**
 * Whether a database is a store of ours (or an empty file to make one in): none of another
 * program's, whatever its user_version says — a number many programs set for their own schema.
 */
export function isOwnStore(db: Database): boolean {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (schemaVersionOf(db) === 0) return tables.length === 0;
  return FIRST_TABLES.every((name) => tables.includes(name));
}

export function storeNewerError(found: number): AppError {
  return new AppError(
    'STORE_NEWER',
    `Este arquivo de dados foi gravado por uma versão mais nova do CRESS Desk (esquema ${found}; esta versão conhece até ${KNOWN_SCHEMA_VERSION}). Atualize o aplicativo para abri-lo.`,
    { details: { found, known: KNOWN_SCHEMA_VERSION } },
  );
}

/**
 * Migrations that widen a CHECK by rewriting the table's SQL in sqlite_schema (every stored row
 * already satisfies the wider CHECK; docs/store.md, *Widening a CHECK*), and the text the table's
 * SQL must hold afterwards. SQLite's defensive mode, which forbids writing sqlite_schema, is lifted
 * for these migrations alone; when the text is not found the migration fails and is rolled back.
 */
const SCHEMA_TEXT_EDITS: Readonly<Record<string, { table: string; mustContain: string }>> = {
  '0012_dip_paper': { table: 'professionals', mustContain: "'awaiting_documents', 'confirmed', 'in_manufacture', 'issued', 'delivered')" },
};

function runMigration(db: Database, migration: Migration): void {
  for (const statement of migration.statements) db.exec(statement);
  const edit = SCHEMA_TEXT_EDITS[migration.tag];
  if (!edit) return;
  const text = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(edit.table) as string | undefined;
  if (!text?.includes(edit.mustContain)) throw new Error(`Migration ${migration.tag} did not find the table ${edit.table} as it expected.`);
}

/**
 * Brings the store up to KNOWN_SCHEMA_VERSION. Each pending migration runs in its own
 * transaction together with the bump of PRAGMA user_version, so a failure leaves the store at
 * the last complete version. Returns the schema version afterwards.
 */
export function migrate(db: Database): number {
  const current = schemaVersionOf(db);
  if (current > KNOWN_SCHEMA_VERSION) throw storeNewerError(current);
  for (let version = current; version < KNOWN_SCHEMA_VERSION; version++) {
    const migration = MIGRATIONS[version] as Migration;
    const editsSchema = SCHEMA_TEXT_EDITS[migration.tag] !== undefined;
    if (editsSchema) db.unsafeMode(true);
    try {
      writeTransaction(db, () => {
        // Another program may have migrated the store while this one waited for the writer lock.
        if (schemaVersionOf(db) !== version) return;
        runMigration(db, migration);
        db.pragma(`user_version = ${version + 1}`);
      });
    } finally {
      if (editsSchema) db.unsafeMode(false);
    }
  }
  return schemaVersionOf(db);
}
