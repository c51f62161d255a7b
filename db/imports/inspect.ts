// First look at a chosen file: its format, its sheets with their headers, the mapping proposed (or
// remembered) for each kind, and whether this very file was imported before.
import type { Database } from 'better-sqlite3';
import { basename } from 'node:path';
import { IMPORT_KINDS, type ImportKind, type ImportMapping, type InspectResult } from '../../shared/contract/imports';
import { CHECKING_CACHE_KIB, openJobConnection } from '../connections';
import type { JobContext } from '../jobs/types';
import { previousImports } from './history';
import { mappingFor } from './mappings';
import { openCopied, type CopiedSpreadsheet } from './readers/privateCopy';
import { readHeader, readSamples } from './sheets';

export function inspectImport(input: { path: string; name: string }, context: JobContext): InspectResult {
  const fileName = basename(input.name.replace(/\\/g, '/'));
  context.progress({ phase: 'open', label: 'Lendo a planilha…', done: 0, total: null });
  // Read from a private copy: the SHA-256 shown is the one of the bytes the headers came from.
  const source = openCopied(input.path, fileName);
  try {
    const db = openJobConnection(context.storePath, CHECKING_CACHE_KIB);
    try {
      return describe(source, db, fileName, context);
    } finally {
      db.close();
    }
  } finally {
    source.close();
  }
}

function describe(source: CopiedSpreadsheet, db: Database, fileName: string, context: JobContext): InspectResult {
  const { sha256 } = source;
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
    const { samples, headerOnly } = readSamples(source, sheet.name, header);
    return { name: sheet.name, hidden: sheet.hidden, headers: header.headers, headerRow: header.row, samples, headerOnly, mappings, remembered };
  });
  return { file: fileName, format: source.format, size: source.size, sha256, sheets, previous: previousImports(db, sha256) };
}
