// JSON.parse keeps the last of two equal keys of an object. In an answer edited by hand — a status
// added without removing the old one — which one Implanta meant is anyone's guess, so an answer
// that repeats a key is refused rather than settled by position. Run on text JSON.parse accepted.

export interface RepeatedKey {
  key: string;
  /** The 1-based item of `items` it is in, when it is in one. */
  item: number | null;
  line: number;
  column: number;
}

interface Frame {
  /** The object's keys so far; null for an array. */
  keys: Set<string> | null;
  awaitingKey: boolean;
  key: string | null;
  index: number;
}

const QUOTE = 34;
const BACKSLASH = 92;

/** The first key an object of `text` (valid JSON) repeats, with where it is; null when none does. */
export function repeatedKey(text: string): RepeatedKey | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (text.charCodeAt(i) === QUOTE) {
      let end = i + 1;
      while (text.charCodeAt(end) !== QUOTE) end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.keys && top.awaitingKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { key, item: itemOf(stack), ...lineAndColumn(text, i) };
        top.keys.add(key);
        top.key = key;
        top.awaitingKey = false;
      }
      i = end;
    } else if (ch === '{') stack.push({ keys: new Set(), awaitingKey: true, key: null, index: 0 });
    else if (ch === '[') stack.push({ keys: null, awaitingKey: false, key: null, index: 0 });
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) top.awaitingKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}

/** The answer's item the innermost frames are in: the root's `items` array, then its element. */
function itemOf(stack: readonly Frame[]): number | null {
  const [root, items] = stack;
  return root?.key === 'items' && items && items.keys === null ? items.index + 1 : null;
}

function lineAndColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}
