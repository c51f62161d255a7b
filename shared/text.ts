/**
 * Text from elsewhere (another system's message, a typed line) as one line safe to show anywhere:
 * control characters (C0, DEL, C1, line and paragraph separators) become spaces, so none can hide
 * text or drive a terminal, and the invisible bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069), which can make text read backwards on screen, are dropped.
 */
export function plainLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return collapseSpaces(value.replace(/[\u202a-\u202e\u2066-\u2069]/g, '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' '));
}

/**
 * What a command prints in a terminal: lines and tabs kept, every other control character and the
 * bidirectional controls dropped, so a stored value (an older message, a file's text) cannot move
 * the cursor, clear the screen or reorder what is shown.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/**
 * Text of several lines from elsewhere (an atendimento's summary a clerk pasted): lines and tabs
 * kept, every other control character and the bidirectional controls dropped, ends trimmed.
 */
export function plainText(value: string): string {
  return terminalSafe(value).replace(/[\u2028\u2029]/g, '\n').trim();
}

/** Trim and collapse inner white space. */
export function collapseSpaces(value: string): string {
  return value.replace(/\s+/gu, ' ').trim();
}

/** Lower case without accents: the key for accent- and case-insensitive search and header matching. */
export function foldForSearch(value: string): string {
  return collapseSpaces(value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
}

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}
