// Mappings the clerk chose, remembered per set of headers: the next monthly file with the same
// columns opens with her choices instead of the guesses.
import type { Database } from 'better-sqlite3';
import { importMappingSchema, type ImportKind, type ImportMapping } from '../../shared/contract/imports';
import { mappingKey, suggestMapping } from './headers';

export function rememberedMapping(db: Database, kind: ImportKind, headers: readonly string[]): ImportMapping | null {
  const row = db.prepare('SELECT mapping FROM import_mappings WHERE key = ?').get(mappingKey(kind, headers)) as { mapping: string } | undefined;
  if (!row) return null;
  const parsed = importMappingSchema.safeParse(JSON.parse(row.mapping));
  return parsed.success && parsed.data.length === headers.length ? parsed.data : null;
}

export function rememberMapping(db: Database, kind: ImportKind, headers: readonly string[], mapping: ImportMapping, now: string): void {
  db.prepare(
    `INSERT INTO import_mappings (key, kind, headers, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(mappingKey(kind, headers), kind, JSON.stringify(headers), JSON.stringify(mapping), now);
}

/** The remembered mapping, or the one proposed from the headers. */
export function mappingFor(db: Database, kind: ImportKind, headers: readonly string[]): { mapping: ImportMapping; remembered: boolean } {
  const remembered = rememberedMapping(db, kind, headers);
  return remembered ? { mapping: remembered, remembered: true } : { mapping: suggestMapping(kind, headers), remembered: false };
}
