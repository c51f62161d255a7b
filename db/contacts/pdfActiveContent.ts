// A PDF the desk forwards to Implanta must carry no active content: JavaScript, actions that run
// on opening or on a page, a program to launch, embedded files, Flash or XFA forms. A scanned
// document or a "print to PDF" has none. The file's names are read as PDF writes them (a name may
// spell its letters as #xx escapes), in the file and inside its compressed streams, where object
// streams keep dictionaries since PDF 1.5. Node's zlib inflates them within one bound for the
// file, so a compression bomb costs nothing; images are not inflated (they hold pixels, no names,
// and a lossless scan's are large). A stream that would need more than the bound is not read and
// the PDF is taken as unsafe: what is behind it cannot be hidden that way. Streams in rarer codings
// (LZW, ASCII85) are not read.
import { inflateSync } from 'node:zlib';

/** Names that make a PDF do something by itself. */
const ACTIVE = /\/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|AA)(?=[\s/<>[\]()%]|$)/;
/** A stream's data: what lies between `stream` and `endstream`. */
const STREAM = /stream\r?\n/g;
const INFLATED_MAX = 32 * 1024 * 1024;

/** PDF names with their #xx escapes spelled out (`/J#61vaScript` → `/JavaScript`). */
function unescapedNames(text: string): string {
  return text.replace(/\/[^\s/<>[\]()%]*#[0-9A-Fa-f]{2}[^\s/<>[\]()%]*/g, (name) => name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

function hasActiveNames(text: string): boolean {
  return ACTIVE.test(unescapedNames(text));
}

/** An image's stream: pixels, never a dictionary with names in it. */
const IMAGE = /\/Subtype\s*\/Image(?=[\s/<>[\]()%]|$)/;
/** How far back from `stream` its dictionary is looked for (a dictionary is a few hundred bytes). */
const DICTIONARY_MAX = 4096;

function isImageStream(text: string, streamAt: number): boolean {
  const from = Math.max(0, streamAt - DICTIONARY_MAX);
  const objectAt = text.lastIndexOf(' obj', streamAt);
  return IMAGE.test(unescapedNames(text.slice(Math.max(from, objectAt), streamAt)));
}

/** Over the bound, not a stream that is not deflated: zlib stops at `maxOutputLength` with a RangeError. */
function overTheBound(error: unknown): boolean {
  return error instanceof RangeError || (error as NodeJS.ErrnoException | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

/** The data of each stream that inflates (FlateDecode), images aside; null for a stream past the bound (not read). */
function* inflatedStreams(bytes: Buffer): Generator<string | null> {
  const text = bytes.toString('latin1');
  let budget = INFLATED_MAX;
  for (const match of text.matchAll(STREAM)) {
    const at = match.index ?? 0;
    const start = at + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) return;
    if (isImageStream(text, at)) continue;
    try {
      const inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(budget, 1) });
      budget -= inflated.length;
      yield inflated.toString('latin1');
    } catch (error) {
      // Over the bound: unread, so unsafe. Otherwise not deflated (another coding) or cut short: nothing to read.
      if (overTheBound(error)) yield null;
    }
  }
}

/** Whether a PDF's bytes carry active content (or hide a stream too large to check), in the open or in a compressed stream. */
export function pdfHasActiveContent(bytes: Buffer): boolean {
  if (hasActiveNames(bytes.toString('latin1'))) return true;
  for (const stream of inflatedStreams(bytes)) if (stream === null || hasActiveNames(stream)) return true;
  return false;
}
