// First look at a chosen file: its format, its sheets with their headers, the mapping proposed (or
// remembered) for each kind, and whether this very file was imported before.
import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { IMPORT_KINDS, type ImportKind, type ImportMapping, type InspectResult } from '../../shared/contract/imports';
import type { JobContext } from '../jobs/types';
import { openJobConnection } from './connection';
import { previousImports } from './history';
import { mappingFor } from './mappings';
import { openSpreadsheet } from './readers/open';
import type { SpreadsheetSource } from './readers/source';
import { fileSha256, readHeader } from './sheets';

export function inspectImport(input: { path: string; name: string }, context: JobContext): InspectResult {
  const fileName = basename(input.name.replace(/\\/g, '/'));
  context.progress({ phase: 'open', label: 'Lendo a planilha…', done: 0, total: null });
  const source = openSpreadsheet(input.path, fileName);
  try {
    const db = openJobConnection(context.storePath);
    try {
      return describe(source, db, input.path, fileName, context);
    } finally {
      db.close();
    }
  } finally {
    source.close();
  }
}

function describe(source: SpreadsheetSource, db: Database, path: string, fileName: string, context: JobContext): InspectResult {
  const sha256 = fileSha256(path);
  const sheets = source.sheets.map((sheet, index) => {
    context.progress({ phase: 'open', label: `Lendo a aba “${sheet.name}”…`, done: index, total: source.sheets.length });
    const header = readHeader(source, sheet.name);
    const mappings = {} as Record<ImportKind, ImportMapping>;
    const remembered = {} as Record<ImportKind, boolean>;
    for (const kind of IMPORT_KINDS) {
      const found = mappingFor(db, kind, header.headers);
      mappings[kind] = found.mapping;
      remembered[kind] = found.remembered;
    }
    return { name: sheet.name, hidden: sheet.hidden, headers: header.headers, headerRow: header.row, mappings, remembered };
  });
  return { file: fileName, format: source.format, size: statSync(path).size, sha256, sheets, previous: previousImports(db, sha256) };
}
