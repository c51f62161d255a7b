// The small parts of an .xlsx read whole: where the sheets are (workbook + relationships), which
// cell styles are dates (styles), and the shared strings (streamed, kept packed outside the heap: packedTexts.ts).
import type { ZipReader } from '../../zip';
import { isBuiltinDateFormat, isDateFormatCode } from './cells';
import { FILE_MESSAGES, unreadable, type ReaderLimits } from './limits';
import { PackedTexts } from './packedTexts';
import { attribute, DeclarationGuard, elementTexts, endsTagName, refuseDeclarations, rootPrefix, selfClosing, unescapeXml } from './xml';

export interface XlsxSheetRef {
  name: string;
  hidden: boolean;
  path: string;
}

export interface XlsxWorkbook {
  sheets: XlsxSheetRef[];
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

const SMALL_PART = 16 * 1024 * 1024;

/** Each `<tag …>` opening tag in `xml`, as [start, end] offsets. */
function* tags(xml: string, tag: string): Generator<[number, number]> {
  const open = `<${tag}`;
  let at = 0;
  for (;;) {
    at = xml.indexOf(open, at);
    if (at === -1) return;
    const next = xml.charCodeAt(at + open.length);
    const end = xml.indexOf('>', at);
    if (end === -1) return;
    if (endsTagName(next)) yield [at, end];
    at = end;
  }
}

/** A small part whole, and the prefix its elements are written with (`x:`, or '' as most writers do). */
function readPart(zip: ZipReader, name: string): { xml: string; p: string } {
  const xml = zip.readSync(name, SMALL_PART).toString('utf8');
  refuseDeclarations(xml);
  return { xml, p: rootPrefix(xml) ?? '' };
}

function relationships(zip: ZipReader, relsPath: string): Relationship[] {
  if (!zip.has(relsPath)) return [];
  const { xml, p } = readPart(zip, relsPath);
  const found: Relationship[] = [];
  for (const [from, to] of tags(xml, `${p}Relationship`)) {
    const id = attribute(xml, from, to, 'Id');
    const type = attribute(xml, from, to, 'Type');
    const target = attribute(xml, from, to, 'Target');
    const mode = attribute(xml, from, to, 'TargetMode');
    if (id && type && target && mode !== 'External') found.push({ id, type, target });
  }
  return found;
}

/** A relationship target relative to the part that owns it → a path inside the zip. */
export function resolvePart(ownerPath: string, target: string): string {
  const segments = target.startsWith('/') ? [] : ownerPath.split('/').slice(0, -1);
  for (const segment of target.replace(/^\/+/, '').split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.' && segment !== '') segments.push(segment);
  }
  return segments.join('/');
}

function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

export function readWorkbook(zip: ZipReader): XlsxWorkbook {
  const root = relationships(zip, '_rels/.rels').find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = root ? resolvePart('', root.target) : 'xl/workbook.xml';
  if (!zip.has(workbookPath)) throw unreadable(FILE_MESSAGES.zipNotSpreadsheet);
  const { xml, p } = readPart(zip, workbookPath);
  const rels = relationships(zip, relsPathOf(workbookPath));
  const byId = new Map(rels.map((r) => [r.id, r]));

  const sheets: XlsxSheetRef[] = [];
  for (const [from, to] of tags(xml, `${p}sheet`)) {
    const name = attribute(xml, from, to, 'name');
    const relId = attribute(xml, from, to, 'r:id') ?? /\s[A-Za-z0-9]+:id\s*=\s*"([^"]*)"/.exec(xml.slice(from, to))?.[1] ?? null;
    const rel = relId ? byId.get(relId) : undefined;
    // Chart sheets and dialog sheets have no cells to import.
    if (name === null || !rel || !rel.type.endsWith('/worksheet')) continue;
    const state = attribute(xml, from, to, 'state');
    sheets.push({ name, hidden: state === 'hidden' || state === 'veryHidden', path: resolvePart(workbookPath, rel.target) });
  }
  const part = (suffix: string) => {
    const rel = rels.find((r) => r.type.endsWith(suffix));
    return rel ? resolvePart(workbookPath, rel.target) : null;
  };
  const props = [...tags(xml, `${p}workbookPr`)][0];
  const date1904Attr = props ? attribute(xml, props[0], props[1], 'date1904') : null;
  return {
    sheets,
    sharedStringsPath: part('/sharedStrings'),
    stylesPath: part('/styles'),
    date1904: date1904Attr === '1' || date1904Attr === 'true',
  };
}

/** For each cell style index (`s="…"`): whether its number format shows a date. */
export function readDateStyles(zip: ZipReader, stylesPath: string | null): boolean[] {
  if (!stylesPath || !zip.has(stylesPath)) return [];
  const { xml, p } = readPart(zip, stylesPath);
  // Custom formats (ids 164+, or a built-in id redefined) decide by their code; the rest by id.
  const customFormats = new Map<number, string>();
  for (const [from, to] of tags(xml, `${p}numFmt`)) {
    const id = Number(attribute(xml, from, to, 'numFmtId'));
    if (Number.isInteger(id)) customFormats.set(id, attribute(xml, from, to, 'formatCode') ?? '');
  }
  const cellXfsStart = xml.indexOf(`<${p}cellXfs`);
  const cellXfsEnd = xml.indexOf(`</${p}cellXfs>`, cellXfsStart);
  if (cellXfsStart === -1 || cellXfsEnd === -1) return [];
  const section = xml.slice(cellXfsStart, cellXfsEnd);
  const styles: boolean[] = [];
  for (const [from, to] of tags(section, `${p}xf`)) {
    const id = Number(attribute(section, from, to, 'numFmtId') ?? '0');
    const code = customFormats.get(id);
    styles.push(code !== undefined ? isDateFormatCode(code) : isBuiltinDateFormat(id));
  }
  return styles;
}

/** `_x000D_` escapes of OOXML strings (ST_Xstring) → the characters they stand for. */
export function unescapeOoxml(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** `body` without its `<tag …>…</tag>` elements. */
function withoutElements(body: string, tag: string): string {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let kept = '';
  let from = 0;
  for (let at = body.indexOf(open); at !== -1; at = body.indexOf(open, at + 1)) {
    if (!endsTagName(body.charCodeAt(at + open.length))) continue;
    const end = body.indexOf(close, at);
    if (end === -1) break;
    kept += body.slice(from, at);
    from = end + close.length;
    at = from - 1;
  }
  return from === 0 ? body : kept + body.slice(from);
}

/**
 * The text of one `<si>` (or `<is>`) body: plain `<t>`, or rich runs; phonetic runs left out.
 * `p`: the part's element prefix (rootPrefix).
 */
export function stringItemText(xml: string, from: number, to: number, p = ''): string {
  const open = p === '' ? '<t' : `<${p}t`;
  const close = p === '' ? '</t>' : `</${p}t>`;
  const t = xml.indexOf(open, from);
  if (t === from) {
    const tagEnd = xml.indexOf('>', t);
    if (selfClosing(xml, tagEnd)) return '';
    const end = xml.indexOf(close, tagEnd);
    if (end !== -1 && end + close.length === to) return unescapeOoxml(unescapeXml(xml.slice(tagEnd + 1, end)));
  }
  const body = withoutElements(xml.slice(from, to), `${p}rPh`);
  return unescapeOoxml(elementTexts(body, `${p}t`).join(''));
}

/** Every shared string, streamed out of sharedStrings.xml. */
export function readSharedStrings(zip: ZipReader, path: string | null, limits: ReaderLimits): PackedTexts {
  const strings = new PackedTexts();
  if (!path || !zip.has(path)) return strings;
  const entry = zip.entry(path);
  if (entry && entry.size > limits.maxPartBytes) throw unreadable(FILE_MESSAGES.damaged('textos compartilhados grandes demais'));
  const decoder = new TextDecoder('utf-8');
  const guard = new DeclarationGuard();
  let pending = '';
  // The element names, once the root tells their prefix.
  let p: string | null = null;
  let open = '<si';
  let close = '</si>';
  for (const chunk of zip.chunks(path)) {
    const text = decoder.decode(chunk, { stream: true });
    guard.check(text);
    pending += text;
    if (p === null) {
      p = rootPrefix(pending);
      if (p === null) {
        if (pending.length > limits.maxRowChars) throw unreadable(FILE_MESSAGES.damaged('textos compartilhados sem raiz reconhecível'));
        continue;
      }
      open = `<${p}si`;
      close = `</${p}si>`;
    }
    let at = 0;
    for (;;) {
      const start = pending.indexOf(open, at);
      if (start === -1) {
        at = Math.max(at, pending.length - open.length);
        break;
      }
      const tagEnd = pending.indexOf('>', start);
      if (tagEnd === -1) {
        at = start;
        break;
      }
      if (selfClosing(pending, tagEnd)) {
        strings.add('');
        at = tagEnd + 1;
        continue;
      }
      const end = pending.indexOf(close, tagEnd);
      if (end === -1) {
        at = start;
        break;
      }
      strings.add(stringItemText(pending, tagEnd + 1, end, p));
      at = end + close.length;
    }
    pending = pending.slice(at);
    if (pending.length > limits.maxRowChars) throw unreadable(FILE_MESSAGES.damaged('texto compartilhado grande demais'));
  }
  return strings;
}
