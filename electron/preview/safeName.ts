// The name an upload or a download keeps in the browser host's folder: whatever a page sends as a
// file name becomes one that names a file of that folder alone, on any file system.
import { basename } from 'node:path';
import { withoutControls } from '../../shared/text';

/** The most bytes of a name kept: file systems take 255, and the host's folders must still fit. */
const NAME_MAX_BYTES = 200;

/**
 * A file name safe to put in a folder of ours: no path, no control nor bidirectional characters, and short enough
 * for any file system (counted in UTF-8 bytes: a dash or an accent takes more than one). A long
 * name loses the end of its stem, never its extension, which tells what kind of file it is.
 */
export function safeName(name: string): string {
  // Control and bidirectional characters go (they hide or reverse part of a name); what Windows refuses becomes "_".
  // Windows drops a name's trailing dots and spaces ("...." would name the folder itself): they go here, too.
  const cleaned = basename(withoutControls(name).replace(/\\/g, '/'))
    .replace(/[<>:"|?*]/g, '_')
    .replace(/[. ]+$/, '');
  if (!cleaned) return 'arquivo';
  const extension = /\.[A-Za-z0-9]{1,8}$/.exec(cleaned)?.[0] ?? '';
  let stem = [...cleaned.slice(0, cleaned.length - extension.length)].slice(0, NAME_MAX_BYTES); // whole characters, never half of one
  while (stem.length > 0 && Buffer.byteLength(stem.join('') + extension) > NAME_MAX_BYTES) stem = stem.slice(0, -1);
  return stem.length > 0 ? stem.join('') + extension : 'arquivo' + extension;
}
