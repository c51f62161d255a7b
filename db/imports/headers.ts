// Column headers → import targets. The synonyms are data (resources/import-headers.json); matching
// ignores case, accents, spaces and punctuation, so "Nº de Registro" and "n de registro" differ
// only where the clerk's spreadsheet really differs.
import { createHash } from 'node:crypto';
import headerData from '../../resources/import-headers.json';
import { ALL_IMPORT_TARGETS, IMPORT_TARGETS, importTargetLabel, type ImportKind, type ImportMapping, type ImportTarget } from '../../shared/contract/imports';
import { AppError } from '../../shared/errors';

/** The comparable form of a header: "Nº de Registro" → "noderegistro". */
export function headerKey(text: string): string {
  return text
    .replace(/[º°]/g, 'o')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function buildSynonyms(): Map<string, ImportTarget> {
  const known = new Set<string>(ALL_IMPORT_TARGETS);
  const synonyms = new Map<string, ImportTarget>();
  for (const [target, names] of Object.entries(headerData.targets)) {
    if (!known.has(target)) throw new Error(`import-headers.json: unknown target "${target}"`);
    for (const name of names) {
      const key = headerKey(name);
      const other = synonyms.get(key);
      if (other && other !== target) throw new Error(`import-headers.json: "${name}" names both ${other} and ${target}`);
      synonyms.set(key, target as ImportTarget);
    }
  }
  return synonyms;
}

const SYNONYMS = buildSynonyms();
const IGNORED = new Set(headerData.ignored.map(headerKey));

/** The target a header names, whatever the kind (null when unknown or deliberately ignored). */
export function targetOfHeader(header: string): ImportTarget | null {
  const key = headerKey(header);
  if (key === '' || IGNORED.has(key)) return null;
  return SYNONYMS.get(key) ?? null;
}

/** The mapping proposed for a kind: each known header to its target, the first column winning a tie. */
export function suggestMapping(kind: ImportKind, headers: readonly string[]): ImportMapping {
  const allowed = new Set(IMPORT_TARGETS[kind]);
  const taken = new Set<ImportTarget>();
  return headers.map((header) => {
    const target = targetOfHeader(header);
    if (!target || !allowed.has(target) || taken.has(target)) return null;
    taken.add(target);
    return target;
  });
}

/** Identifies a set of headers (in order) for a kind: the key a remembered mapping is stored under. */
export function mappingKey(kind: ImportKind, headers: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([kind, headers.map(headerKey)]))
    .digest('hex');
}

function columnName(headers: readonly string[], index: number): string {
  const header = headers[index]?.trim();
  return header ? `“${header}”` : `da posição ${index + 1}`;
}

/** Why a row is found by its key column, per kind. */
const KEY_PURPOSE: Record<ImportKind, string> = {
  cep: 'é por ela que cada linha é identificada',
  registry: 'é por ela que cada cadastro do sistema do Regional é encontrado',
  corrections: 'é por elas que cada profissional é encontrada/o',
};

/** A few other headers `target` is recognised under, besides its own label (for messages). */
export function otherHeaderNames(target: ImportTarget, count: number): string[] {
  const label = headerKey(importTargetLabel(target));
  return ((headerData.targets as Record<string, string[]>)[target] ?? []).filter((name) => headerKey(name) !== label).slice(0, count);
}

/** The screen's words: a column of the sheet must be associated with the key. */
function missingKeyAssociation(kind: ImportKind): string {
  if (kind === 'cep') return 'Associe uma coluna ao CEP: é por ele que cada linha é identificada.';
  if (kind === 'registry') return 'Associe uma coluna ao Registro: é por ele que cada cadastro do sistema do Regional é encontrado.';
  return 'Associe uma coluna ao CPF ou ao Registro: é por eles que cada profissional é encontrada/o.';
}

/** The header's words (no columns were associated by hand): which column is missing, under which names it is recognised. */
function missingKeyColumn(kind: ImportKind, targets: readonly ImportTarget[]): string {
  const names = targets.map((t) => `“${importTargetLabel(t)}”`).join(' nem a coluna ');
  const synonyms = targets.flatMap((t) => otherHeaderNames(t, 2)).map((n) => `“${n}”`);
  return (
    `A planilha não tem a coluna ${names}: ${KEY_PURPOSE[kind]}. Acrescente ao cabeçalho ${targets.length > 1 ? 'uma delas' : 'uma coluna com esse nome'}` +
    `${synonyms.length > 0 ? ` (ou ${synonyms.join(', ')})` : ''}, ou renomeie a que traz esse dado, e importe de novo. Nada foi importado.`
  );
}

/**
 * A mapping the import can run with: right length, targets of the kind, each at most once, a key present.
 * `fromHeaders`: the mapping was read from the header (the command line has no step to associate columns).
 */
export function checkMapping(kind: ImportKind, headers: readonly string[], mapping: ImportMapping, { fromHeaders = false } = {}): void {
  if (mapping.length !== headers.length) {
    throw new AppError('MAPPING_INVALID', 'A associação de colunas não corresponde ao cabeçalho da planilha. Escolha a aba novamente.');
  }
  const allowed = new Set(IMPORT_TARGETS[kind]);
  const seen = new Map<ImportTarget, number>();
  mapping.forEach((target, index) => {
    if (target === null) return;
    if (!allowed.has(target)) {
      throw new AppError('MAPPING_INVALID', `A coluna ${columnName(headers, index)} não pode ser usada como ${importTargetLabel(target)} neste tipo de importação.`);
    }
    const first = seen.get(target);
    if (first !== undefined) {
      throw new AppError(
        'MAPPING_INVALID',
        `As colunas ${columnName(headers, first)} e ${columnName(headers, index)} estão associadas ao mesmo campo (${importTargetLabel(target)}). Ignore uma delas.`,
      );
    }
    seen.set(target, index);
  });
  const has = (target: ImportTarget) => seen.has(target);
  const missing = kind === 'cep' ? (has('cep') ? [] : ['cep' as const]) : kind === 'registry' ? (has('registrationNumber') ? [] : ['registrationNumber' as const]) : has('cpf') || has('registrationNumber') ? [] : (['cpf', 'registrationNumber'] as const);
  if (missing.length > 0) throw new AppError('MAPPING_INVALID', fromHeaders ? missingKeyColumn(kind, missing) : missingKeyAssociation(kind));
}
