// What a path that is no ordinary file is, in the clerk's words: a named pipe (FIFO) is not a
// device, a link is not the file it points to. One place for every refusal that names it (`--out`,
// an attachment, a file to read, a backup), so each says what the clerk will find there.
import type { Stats } from 'node:fs';

type Kind = Pick<Stats, 'isFIFO' | 'isSocket' | 'isSymbolicLink' | 'isDirectory' | 'isBlockDevice' | 'isCharacterDevice'>;

/** "um pipe nomeado (FIFO)", "um socket", "um atalho (link simbólico)", "uma pasta" or "um dispositivo do sistema". */
export function specialFileKind(found: Kind): string {
  if (found.isFIFO()) return 'um pipe nomeado (FIFO)';
  if (found.isSocket()) return 'um socket';
  if (found.isSymbolicLink()) return 'um atalho (link simbólico)';
  if (found.isDirectory()) return 'uma pasta';
  return 'um dispositivo do sistema';
}
