// The little XML the readers need: text unescaping, where a tag's name ends and whether it closes
// itself, attributes of one tag, and the guard that refuses DOCTYPE/ENTITY declarations (entity
// expansion is how XML bombs and file reads work).
import { FILE_MESSAGES, unsafe } from './limits';

const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;

/** Checks streamed XML text chunk by chunk, including declarations split between two chunks. */
export class DeclarationGuard {
  private tail = '';
  check(chunk: string): void {
    // `<!` is rare in spreadsheet XML (comments, CDATA): look closer only where it appears.
    const seam = this.tail + chunk.slice(0, 16);
    if ((seam.indexOf('<!') !== -1 && DECLARATION.test(seam)) || (chunk.indexOf('<!') !== -1 && DECLARATION.test(chunk))) throw unsafe(FILE_MESSAGES.dtd);
    this.tail = chunk.slice(-16);
  }
}

/** Refuses a whole XML part that declares a DTD or entities. */
export function refuseDeclarations(xml: string): void {
  if (DECLARATION.test(xml)) throw unsafe(FILE_MESSAGES.dtd);
}

/** A tag's name ends with this character: white space, `>` or `/` (so `<t` finds `<t>`, `<t/>`, never `<tab>`). */
export function endsTagName(code: number): boolean {
  return code === 32 || code === 62 /* > */ || code === 47 /* / */ || code === 9 || code === 10 || code === 13;
}

/** The tag whose `>` is at `tagEnd` closes itself (`<t/>`): it has no body. */
export function selfClosing(source: string, tagEnd: number): boolean {
  return source.charCodeAt(tagEnd - 1) === 47 /* / */;
}

/**
 * The namespace prefix of the part's root element, with its colon: `x:` for `<x:worksheet …>` (as
 * the .NET OpenXML SDK writes), '' for `<worksheet …>`. Every element of the part is then searched
 * as `<${prefix}row`: learnt once per part, no per-cell work. Null while the root's name is not
 * all in `xml` yet (a streamed part's first bytes).
 */
export function rootPrefix(xml: string): string | null {
  let at = 0;
  for (;;) {
    at = xml.indexOf('<', at);
    if (at === -1) return null;
    const next = xml.charCodeAt(at + 1);
    if (next === 63 /* ? */ || next === 33 /* ! */) {
      // The XML declaration, a comment (a DOCTYPE is refused by the guard anyway).
      const end = xml.startsWith('<!--', at) ? xml.indexOf('-->', at) : xml.indexOf('>', at);
      if (end === -1) return null;
      at = end + 1;
      continue;
    }
    let end = at + 1;
    while (end < xml.length && !endsTagName(xml.charCodeAt(end))) end++;
    if (end === xml.length) return null;
    const name = xml.slice(at + 1, end);
    const colon = name.indexOf(':');
    return colon === -1 ? '' : name.slice(0, colon + 1);
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function codePoint(value: number): string {
  return value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff) ? String.fromCodePoint(value) : '';
}

/** XML character data → text: the five predefined entities and numeric references, nothing else. */
export function unescapeXml(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 35 /* # */) {
      return codePoint(ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10));
    }
    // Any other name would need a DTD, which is refused: keep it as written.
    return Object.hasOwn(NAMED, ref) ? (NAMED[ref] as string) : whole;
  });
}

/**
 * The value of attribute `name` inside the tag `source[from, to)`, unescaped; null when absent.
 * Matches whole names only (` r="` is not ` ref="`).
 */
export function attribute(source: string, from: number, to: number, name: string): string | null {
  let at = from;
  for (;;) {
    at = source.indexOf(name, at);
    if (at === -1 || at >= to) return null;
    const before = source.charCodeAt(at - 1);
    const equals = at + name.length;
    if ((before === 32 || before === 9 || before === 10 || before === 13) && source.charCodeAt(equals) === 61 /* = */) {
      const quote = source[equals + 1];
      if (quote === '"' || quote === "'") {
        const end = source.indexOf(quote, equals + 2);
        if (end === -1 || end > to) return null;
        return unescapeXml(source.slice(equals + 2, end));
      }
    }
    at = equals;
  }
}

/** Text of every `<tag>` element in `xml` (each unescaped), e.g. all `<t>` runs of a rich string. */
export function elementTexts(xml: string, tag: string): string[] {
  const texts: string[] = [];
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let at = 0;
  for (;;) {
    at = xml.indexOf(open, at);
    if (at === -1) return texts;
    const after = xml.charCodeAt(at + open.length);
    const tagEnd = xml.indexOf('>', at);
    if (tagEnd === -1) return texts;
    if (!endsTagName(after)) {
      at = tagEnd;
      continue;
    }
    if (selfClosing(xml, tagEnd)) {
      texts.push('');
      at = tagEnd + 1;
      continue;
    }
    const end = xml.indexOf(close, tagEnd);
    if (end === -1) return texts;
    texts.push(unescapeXml(xml.slice(tagEnd + 1, end)));
    at = end + close.length;
  }
}
