// A PDF the desk forwards to Implanta must carry no active content: JavaScript, actions that run
// on opening or on a page, a program to launch, embedded files, Flash or XFA forms. A scanned
// document or a "print to PDF" has none. The file's names are read as PDF writes them (a name may
// spell its letters as #xx escapes), in the file and inside its compressed streams, where object
// streams keep dictionaries since PDF 1.5. Node's zlib inflates them, each up to a bound, so a
// compression bomb costs nothing. Streams in rarer codings (LZW, ASCII85) are not read.
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

/** The data of each stream that inflates (FlateDecode), within the bound. */
function* inflatedStreams(bytes: Buffer): Generator<string> {
  const text = bytes.toString('latin1');
  let budget = INFLATED_MAX;
  for (const match of text.matchAll(STREAM)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0 || budget <= 0) return;
    try {
      const inflated = inflateSync(bytes.subarray(start, end), { maxOutputLength: budget });
      budget -= inflated.length;
      yield inflated.toString('latin1');
    } catch {
      // Not deflated (an image's own coding), cut short, or over the bound: nothing to read in it.
    }
  }
}

/** Whether a PDF's bytes carry active content, in the open or in a compressed stream. */
export function pdfHasActiveContent(bytes: Buffer): boolean {
  if (hasActiveNames(bytes.toString('latin1'))) return true;
  for (const stream of inflatedStreams(bytes)) if (hasActiveNames(stream)) return true;
  return false;
}
