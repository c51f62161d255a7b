// Column headers → import targets. The synonyms are data (resources/import-headers.json); matching
// ignores case, accents, spaces and punctuation, so "Nº de Registro" and "n de registro" differ
// only where the clerk's spreadsheet really differs.
import { createHash } from 'node:crypto';
import headerData from '../../resources/import-headers.json';
import { ALL_IMPORT_TARGETS, IMPORT_TARGETS, importTargetLabel, type ImportKind, type ImportMapping, type ImportTarget } from '../../shared/contract/imports';
import { columnLetter } from '../../shared/display/columnLetter';
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

/** What a template adds to a column's name to say whether it must be filled: "Documento (obrigatório)", "E-mail *". */
const FILL_NOTE = /\s*(\((obrigat[oó]ri[oa]|opcional)\)|\*)\s*$/i;

/** The target a header names, whatever the kind (null when unknown or deliberately ignored). */
export function targetOfHeader(header: string): ImportTarget | null {
  const key = headerKey(header);
  if (key === '' || IGNORED.has(key)) return null;
  return SYNONYMS.get(key) ?? (FILL_NOTE.test(header) ? targetOfHeader(header.replace(FILL_NOTE, '')) : null);
}

/** Headers of columns the mapping leaves unread, but those the desk ignores on purpose (its own report's columns). */
export function unreadHeaders(headers: readonly string[], mapping: ImportMapping): string[] {
  return headers.filter((header, index) => mapping[index] == null && header.trim() !== '' && !IGNORED.has(headerKey(header)));
}

/**
 * Two columns whose headers name the same field of the kind (a main system's "UF" of the RG and
 * "UF" of the address, "E-mail" and "Email"): the file does not say which one holds it.
 */
function sameFieldTwice(kind: ImportKind, headers: readonly string[]): { target: ImportTarget; columns: [number, number] } | null {
  const allowed = new Set(IMPORT_TARGETS[kind]);
  const first = new Map<ImportTarget, number>();
  for (const [index, header] of headers.entries()) {
    const target = targetOfHeader(header);
    if (!target || !allowed.has(target)) continue;
    const earlier = first.get(target);
    if (earlier !== undefined) return { target, columns: [earlier, index] };
    first.set(target, index);
  }
  return null;
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

/** A corrections file whose columns only say whose the row is: nothing in it to correct. */
function nothingToCorrect(headers: readonly string[], mapping: ImportMapping, fromHeaders: boolean): AppError {
  if (!fromHeaders) {
    return new AppError('MAPPING_INVALID', 'Associe ao menos uma coluna a um campo a corrigir (E-mail, CEP, Nome da mãe…): as colunas associadas só dizem de quem é cada linha.');
  }
  const unread = unreadHeaders(headers, mapping).map((h) => `“${h}”`);
  const which = unread.length === 0 ? '' : ` (${unread.length === 1 ? 'a coluna' : 'as colunas'} ${unread.join(', ')} não ${unread.length === 1 ? 'tem' : 'têm'} o nome de um campo)`;
  return new AppError(
    'MAPPING_INVALID',
    `A planilha não tem nenhuma coluna de campo a corrigir que o CRESS Desk reconheça${which}: dê a cada coluna o nome do campo que ela corrige — por exemplo “E-mail”, “CEP”, “Nome da mãe” — e importe de novo. Nada foi importado.`,
  );
}

/**
 * A mapping the import can run with: right length, targets of the kind, each at most once, a key present.
 * `fromHeaders`: the mapping was read from the header (the command line has no step to associate columns);
 * `guessed`: nobody chose it, so two columns naming the same field are the file's ambiguity to settle.
 */
export function checkMapping(kind: ImportKind, headers: readonly string[], mapping: ImportMapping, { fromHeaders = false, guessed = false } = {}): void {
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
  if (guessed) {
    const twice = sameFieldTwice(kind, headers);
    if (twice) {
      const [a, b] = twice.columns;
      throw new AppError(
        'MAPPING_INVALID',
        `As colunas ${columnName(headers, a)} (${columnLetter(a)}) e ${columnName(headers, b)} (${columnLetter(b)}) trazem o mesmo campo (${importTargetLabel(twice.target)}): a planilha não diz qual delas vale. Apague ou renomeie uma delas e importe de novo. Nada foi importado.`,
      );
    }
  }
  // Found by registration number, a CPF column is a change; without one, the CPF only finds the record.
  const changes = [...seen.keys()].filter((t) => t !== 'registrationNumber' && t !== 'reason' && t !== 'evidence' && !(t === 'cpf' && !has('registrationNumber')));
  if (kind === 'corrections' && changes.length === 0) throw nothingToCorrect(headers, mapping, fromHeaders);
}
