// What the browser host answers the page names files as the clerk chose or will download them.
// The handlers answer with the paths they read and wrote (the command line's user wants them), and
// in the host those are the copies in its private temporary folder: a path of the computer that
// whoever holds the token has no business learning. They are cut down to the file's own name here,
// once, for every answer (results, job progress, errors); a refusal naming the folder itself names it
// in words (hostFolderWords.ts).
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { HOST_FOLDER_PREFIX } from './hostFolder';
import { hostFolderInWords, withoutOtherFolderAdvice } from './hostFolderWords';

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

/** The source of a pattern matching one of the host's folders itself (no file name after it). */
function hostFolderSource(): string {
  const temps = temporaryFolders().map(escaped).join('|');
  return `(?:${temps})[\\\\/]${escaped(HOST_FOLDER_PREFIX)}[^\\\\/"\\s]*(?:[\\\\/]f-[^\\\\/"\\s]*)?`;
}

/** The JSON text of an answer, every path of the host's folder in its strings cut down to the file's name. */
export function answerJson(value: unknown): string {
  const text = JSON.stringify(value);
  // Most answers name no file of the host: they are sent as they are, without a second pass.
  return text.includes(HOST_FOLDER_PREFIX) ? JSON.stringify(withoutHostPaths(value)) : text;
}

function withoutHostPaths(value: unknown): unknown {
  const pattern = hostPathPattern();
  const folder = hostFolderSource();
  const onlyFolder = new RegExp(`^(?:${folder})[\\\\/]?$`);
  // A message naming the host's folder itself names it in words (hostFolderWords.ts); a field that
  // is nothing but that folder (a refusal's details.folder) is left out rather than sent empty.
  const clean = (item: unknown): unknown => {
    if (typeof item === 'string') {
      // Every file the page saves goes through the host's folder: "choose another folder" is no advice there.
      const said = hostFolderInWords(item, folder).replace(pattern, '');
      return said === item ? item : withoutOtherFolderAdvice(said);
    }
    if (Array.isArray(item)) return item.map(clean);
    if (typeof item === 'object' && item !== null) {
      const kept = Object.entries(item).filter(([, inner]) => typeof inner !== 'string' || !onlyFolder.test(inner));
      return Object.fromEntries(kept.map(([key, inner]) => [key, clean(inner)]));
    }
    return item;
  };
  return clean(value);
}
