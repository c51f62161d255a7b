// A refusal that names the browser host's own folder — a full disk where the host keeps the files
// it hands the browser, a folder that takes no file — would read `em ""` once the host cut its
// paths down to file names (hostPaths.ts). Said in words instead, with no path of the computer: the
// host's temporary folder, on the computer where the desk is open. And the page cannot choose another
// folder (the browser picks where a download goes), so advice to do so is dropped.

/** Where the host's folder is, in words (after "a pasta"). */
const HOST_PLACE = 'temporária do computador onde o CRESS Desk está aberto';
/** The disk of that folder, in words (after "em"/"no"). */
const HOST_DISK = `no disco da pasta ${HOST_PLACE}`;

/** Advice the preview cannot follow: there is no other folder to choose there. */
const OTHER_FOLDER_ADVICE = [/\s*Ou escolha outra pasta\./g, /[.:]\s*[Ee]scolha outra pasta\./g];

/**
 * Rewrites `text` so that the host's folder (`folder`: a pattern source matching it, without a file
 * name after it) is named in words; text that does not name it is returned as it is.
 */
export function hostFolderInWords(text: string, folder: string): string {
  const quoted = new RegExp(`(\\b(?:em|[Aa] pasta) )?"(?:${folder})[\\\\/]?"`, 'g');
  const bare = new RegExp(`(\\b(?:em|[Aa] pasta) )?(?:${folder})[\\\\/]?(?=$|[\\s'.,:;)])`, 'g');
  const words = (_match: string, before: string | undefined): string => {
    if (before?.startsWith('em')) return HOST_DISK;
    if (before) return `${before}${HOST_PLACE}`;
    return `a pasta ${HOST_PLACE}`;
  };
  return text.replace(quoted, words).replace(bare, words);
}

/** `text` without advice to choose another folder (for a text that named a file or folder of the host). */
export function withoutOtherFolderAdvice(text: string): string {
  return OTHER_FOLDER_ADVICE.reduce((result, advice) => result.replace(advice, (found) => (/^[.:]/.test(found) ? '.' : '')), text).trim();
}
