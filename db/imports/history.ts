// The imports table: recording an import, the history list, its errors, and the same-file check.
import type { Database } from 'better-sqlite3';
import type { ImportError, ImportKind, ImportRecord } from '../../shared/contract/imports';
import { AppError } from '../../shared/errors';
import { formatDateTimeBr } from '../../shared/rules/dates';
import type { imports } from '../schema';
import type { SqlRow } from '../sqlRow';

/** An imports row as SQLite returns it (`SELECT *`). */
type ImportRow = SqlRow<typeof imports>;

export interface NewImport {
  kind: ImportKind;
  fileName: string;
  sha256: string;
  sheet: string;
  format: string;
  headers: readonly string[];
  mapping: readonly (string | null)[];
  operator: string;
  startedAt: string;
  allOrNothing: boolean;
  forced: boolean;
  /** A write without --force (or the screen's confirmation): refused when the file was imported meanwhile. */
  refuseRepeat: boolean;
}

export interface ImportCounts {
  rows: number;
  accepted: number;
  unchanged: number;
  rejected: number;
}

/** What a registry load adds to the counts (docs/import-format.md): 0 for the other kinds. */
export interface ImportTallies {
  flagged: number;
  kept: number;
  conflicts: number;
}

/** Records an import (with `id` when the number was reserved beforehand: writer/reservations.ts). */
export function insertImport(db: Database, data: NewImport, id: number | null = null): number {
  // Checked again inside the write: another process may have imported the same file since the
  // import started (the check before reading the rows only spares the clerk a needless read).
  const previous = data.refuseRepeat ? previousImports(db, data.sha256, data.kind)[0] : undefined;
  if (previous) throw repeatedFileError(previous);
  const result = db
    .prepare(
      `INSERT INTO imports (id, kind, file_name, sha256, sheet, format, headers, mapping, operator, started_at, finished_at,
         rows, accepted, unchanged, rejected, all_or_nothing, forced, state)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, 'done')`,
    )
    .run(
      id,
      data.kind,
      data.fileName,
      data.sha256,
      data.sheet,
      data.format,
      JSON.stringify(data.headers),
      JSON.stringify(data.mapping),
      data.operator,
      data.startedAt,
      data.startedAt,
      data.allOrNothing ? 1 : 0,
      data.forced ? 1 : 0,
    );
  return Number(result.lastInsertRowid);
}

export function finishImport(db: Database, id: number, counts: ImportCounts, finishedAt: string, tallies: ImportTallies = { flagged: 0, kept: 0, conflicts: 0 }): void {
  db.prepare('UPDATE imports SET rows = ?, accepted = ?, unchanged = ?, rejected = ?, flagged = ?, kept = ?, conflicts = ?, finished_at = ? WHERE id = ?').run(
    counts.rows,
    counts.accepted,
    counts.unchanged,
    counts.rejected,
    tallies.flagged,
    tallies.kept,
    tallies.conflicts,
    finishedAt,
    id,
  );
}

/** Imports of this very file (by SHA-256) still in force, newest first. */
export function previousImports(db: Database, sha256: string, kind?: ImportKind): { id: number; kind: ImportKind; finishedAt: string }[] {
  const rows = db
    .prepare(`SELECT id, kind, finished_at FROM imports WHERE sha256 = ? AND state = 'done' ${kind ? 'AND kind = ?' : ''} ORDER BY id DESC`)
    .all(...(kind ? [sha256, kind] : [sha256])) as { id: number; kind: ImportKind; finished_at: string }[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, finishedAt: r.finished_at }));
}

/** The same file again. `howToRepeat` — the screen asks to confirm; the command line names its option. */
export function repeatedFileError(previous: { id: number; finishedAt: string }, howToRepeat = 'confirme a repetição'): AppError {
  return new AppError(
    'IMPORT_REPEATED',
    `Esta mesma planilha já foi importada em ${formatDateTimeBr(previous.finishedAt)} (importação nº ${previous.id}). Para importá-la de novo, ${howToRepeat}.`,
    { details: previous },
  );
}

/** The same file, being written right now by another import (another command, another window). */
export function fileBeingImportedError(importId: number): AppError {
  return new AppError(
    'IMPORT_REPEATED',
    `Esta mesma planilha está sendo importada agora (importação nº ${importId}, por outro programa ou outra janela). Espere ela terminar e confira o resultado no histórico de importações: nada desta foi gravado.`,
    { details: { id: importId } },
  );
}

export function requireImport(db: Database, id: number): ImportRow {
  const row = db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as ImportRow | undefined;
  if (!row) throw new AppError('IMPORT_NOT_FOUND', `A importação nº ${id} não existe.`);
  return row;
}

/** Changes an import queued: all, those that went into a lote (or further), those the clerk cancelled. */
type Queued = { total: number; notPending: number; cancelled?: number; inReview?: number; reviewNumber?: string | null };

/** Changes the import queued and their state: what decides whether it can be undone. */
function queuedCounts(db: Database, ids: number[]): Map<number, Queued> {
  const counts = new Map<number, Queued>();
  if (ids.length === 0) return counts;
  const marks = ids.map(() => '?').join(', ');
  for (const table of ['corrections', 'cep_changes']) {
    const rows = db
      .prepare(
        `SELECT import_id AS id, count(*) AS total, sum(status NOT IN ('pending', 'cancelled')) AS notPending, sum(status = 'cancelled') AS cancelled,
           sum(b.id IS NOT NULL) AS inReview, max(b.number) AS reviewNumber
         FROM ${table} t LEFT JOIN batches b ON b.id = t.batch_id AND b.state = 'open'
         WHERE import_id IN (${marks}) GROUP BY import_id`,
      )
      .all(...ids) as ({ id: number } & Queued)[];
    for (const { id, ...row } of rows) counts.set(id, row);
  }
  return counts;
}

export function undoBlocker(row: Pick<ImportRow, 'kind' | 'state' | 'undone_at'>, queued: Queued): string | null {
  if (row.state === 'undone') return `Esta importação já foi desfeita em ${formatDateTimeBr(row.undone_at)}.`;
  if (row.kind === 'registry') {
    return 'Cargas do cadastro não se desfazem: elas trazem os dados do sistema do Regional. Importe de novo a planilha correta.';
  }
  const one = row.kind === 'cep' ? 'alteração de CEP' : 'correção';
  const many = row.kind === 'cep' ? 'alterações de CEP' : 'correções';
  // Still in the lote under review: taken out of it (or the lote cancelled), they are pending again.
  if (queued.notPending > 0 && queued.inReview === queued.notPending) {
    const n = queued.notPending;
    return n === 1
      ? `1 ${one} desta importação está no lote ${queued.reviewNumber}, ainda em revisão: retire-a do lote (ou cancele o lote) e desfaça a importação depois.`
      : `${n.toLocaleString('pt-BR')} ${many} desta importação estão no lote ${queued.reviewNumber}, ainda em revisão: retire-as do lote (ou cancele o lote) e desfaça a importação depois.`;
  }
  if (queued.notPending > 0) {
    const n = queued.notPending;
    return n === 1
      ? `1 ${one} desta importação já entrou em lote ou foi enviada à Implanta.`
      : `${n.toLocaleString('pt-BR')} ${many} desta importação já entraram em lote ou foram enviadas à Implanta.`;
  }
  // A cancelled correction stays in the store (it is audited): the import no longer comes off whole.
  const cancelled = queued.cancelled ?? 0;
  if (cancelled > 0) {
    const said = cancelled === 1 ? `1 ${one} desta importação foi cancelada` : `${cancelled.toLocaleString('pt-BR')} ${many} desta importação foram canceladas`;
    return `${said} depois dela, e a importação não pode mais ser desfeita inteira: cancele as demais ${many} dela uma a uma, se for o caso.`;
  }
  return null;
}

/** Rows each import's report holds (refused or written with a warning): one lookup on the index by import. */
function reportRowCounts(db: Database, ids: number[]): Map<number, number> {
  if (ids.length === 0) return new Map();
  const marks = ids.map(() => '?').join(', ');
  const rows = db.prepare(`SELECT import_id AS id, count(DISTINCT row) AS n FROM import_errors WHERE import_id IN (${marks}) GROUP BY import_id`).all(...ids) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

function toRecord(row: ImportRow, queued: Queued, reportRows = 0): ImportRecord {
  return {
    id: row.id,
    kind: row.kind as ImportKind,
    fileName: row.file_name,
    sha256: row.sha256,
    sheet: row.sheet,
    operator: row.operator,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    rows: row.rows,
    accepted: row.accepted,
    unchanged: row.unchanged,
    rejected: row.rejected,
    flagged: row.flagged,
    kept: row.kept,
    conflicts: row.conflicts,
    allOrNothing: row.all_or_nothing === 1,
    forced: row.forced === 1,
    state: row.state as ImportRecord['state'],
    undoneAt: row.undone_at,
    corrections: queued.total,
    undoBlocker: undoBlocker(row, queued),
    reportRows,
  };
}

export function listImports(db: Database, input: { page: number; pageSize: number }) {
  const total = (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
  const rows = db.prepare('SELECT * FROM imports ORDER BY id DESC LIMIT ? OFFSET ?').all(input.pageSize, input.page * input.pageSize) as ImportRow[];
  const queued = queuedCounts(
    db,
    rows.map((r) => r.id),
  );
  const reportRows = reportRowCounts(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((row) => toRecord(row, queued.get(row.id) ?? { total: 0, notPending: 0 }, reportRows.get(row.id) ?? 0));
  return { total, page: input.page, pageSize: input.pageSize, items };
}

export function importErrorsPage(db: Database, input: { id: number; page: number; pageSize: number }) {
  requireImport(db, input.id);
  const total = (db.prepare('SELECT count(*) AS n FROM import_errors WHERE import_id = ?').get(input.id) as { n: number }).n;
  const items = db
    .prepare('SELECT row, "column", code, message FROM import_errors WHERE import_id = ? ORDER BY row, id LIMIT ? OFFSET ?')
    .all(input.id, input.pageSize, input.page * input.pageSize) as ImportError[];
  return { total, page: input.page, pageSize: input.pageSize, items };
}

export function queuedOf(db: Database, id: number): Queued {
  return queuedCounts(db, [id]).get(id) ?? { total: 0, notPending: 0 };
}
