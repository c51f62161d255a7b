// What the browser host answers the page names files as the clerk chose or will download them.
// The handlers answer with the paths they read and wrote (the command line's user wants them), and
// in the host those are the copies in its private temporary folder: a path of the computer that
// whoever holds the token has no business learning. They are cut down to the file's own name here,
// once, for every answer (results, job progress, errors).
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { HOST_FOLDER_PREFIX } from './hostFolder';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The temporary folder as given and as the system resolves it (/tmp may be a link). */
function temporaryFolders(): string[] {
  const given = tmpdir();
  try {
    return [...new Set([given, realpathSync(given)])];
  } catch {
    return [given];
  }
}

/** `<temp>/cress-desk-files-…/` and, for a file of the host, its own `f-…/` folder after it. */
function hostPathPattern(): RegExp {
  const temps = temporaryFolders().map(escaped).join('|');
  return new RegExp(`(?:${temps})[\\\\/]${escaped(HOST_FOLDER_PREFIX)}[^\\\\/"]*(?:[\\\\/]f-[^\\\\/"]*)?[\\\\/]?`, 'g');
}

/** The JSON text of an answer, every path of the host's folder in its strings cut down to the file's name. */
export function answerJson(value: unknown): string {
  const text = JSON.stringify(value);
  // Most answers name no file of the host: they are sent as they are, without a second pass.
  return text.includes(HOST_FOLDER_PREFIX) ? JSON.stringify(withoutHostPaths(value)) : text;
}

function withoutHostPaths(value: unknown): unknown {
  const pattern = hostPathPattern();
  const clean = (item: unknown): unknown => {
    if (typeof item === 'string') return item.replace(pattern, '');
    if (Array.isArray(item)) return item.map(clean);
    if (typeof item === 'object' && item !== null) return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, clean(inner)]));
    return item;
  };
  return clean(value);
}
