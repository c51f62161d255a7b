// Character classes of text from elsewhere, written once. Control characters: C0 (line feed and
// tab apart, where lines are kept), DEL and C1. Bidirectional embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069): invisible, they make text read backwards on screen.
const BIDI_CONTROLS = '\\u202a-\\u202e\\u2066-\\u2069';
const CONTROLS_BUT_LINES = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f';
const ANY_CONTROL_CLASS = `[\\u0000-\\u001f\\u007f-\\u009f${BIDI_CONTROLS}]`;
const ANY_CONTROL = new RegExp(ANY_CONTROL_CLASS);
const EVERY_CONTROL = new RegExp(ANY_CONTROL_CLASS, 'g');
const BIDI = new RegExp(`[${BIDI_CONTROLS}]`, 'g');
const LINE_BREAKING = new RegExp(`[${CONTROLS_BUT_LINES}\\n\\t\\u2028\\u2029]`, 'g');
const DRIVING = new RegExp(`[${CONTROLS_BUT_LINES}${BIDI_CONTROLS}]`, 'g');

/**
 * A name from elsewhere (a file's name, which the desk shows and forwards with the file) without
 * any control character or bidirectional control: none can hide part of it, make it read
 * backwards ("comprovante<RLO>fdp.exe" shown as "comprovanteexe.pdf") or drive a terminal.
 */
export function withoutControls(value: string): string {
  return value.replace(EVERY_CONTROL, '');
}

// Characters that take no room on screen: zero-width space, non-joiner and joiner, word joiner,
// a byte-order mark in mid-text, the soft hyphen.
const ZERO_WIDTH = '\\u200b-\\u200d\\u2060\\ufeff\\u00ad';
const INVISIBLE = new RegExp(`[${CONTROLS_BUT_LINES}${BIDI_CONTROLS}${ZERO_WIDTH}]`, 'g');
const ZERO_WIDTH_ONLY = new RegExp(`[${ZERO_WIDTH}]`, 'g');
const LINES_AND_TABS = /[\n\t\u2028\u2029]/g;

/**
 * A cell of another system's file as a clerk reads it: the characters that take no room on screen
 * (controls, bidirectional controls, zero-width ones, the soft hyphen) dropped, so a name that looks
 * the same is stored the same and found by a search; a line break or tab becomes a space.
 */
export function withoutInvisibles(value: string): string {
  return value.replace(INVISIBLE, '').replace(LINES_AND_TABS, ' ');
}

/**
 * Text without the characters that take no room and drive nothing (zero-width ones, the soft
 * hyphen a PDF puts where it may break a word): what was pasted reads and compares as it looks.
 * Control and bidirectional characters stay, for the rules that refuse them to see.
 */
export function withoutZeroWidth(value: string): string {
  return value.replace(ZERO_WIDTH_ONLY, '');
}

/** The first control or invisible bidirectional character of `value` (its code point as U+XXXX) and its 1-based place; null when none. */
export function firstControlCharacter(value: string): { codePoint: string; place: number } | null {
  const at = value.search(ANY_CONTROL);
  if (at < 0) return null;
  return { codePoint: `U+${(value.codePointAt(at) as number).toString(16).toUpperCase().padStart(4, '0')}`, place: [...value.slice(0, at)].length + 1 };
}

/** Whether text holds a control character or an invisible bidirectional one (free text refuses them). */
export function hasControlCharacters(value: string): boolean {
  return ANY_CONTROL.test(value);
}

/**
 * Text from elsewhere (another system's message, a typed line) as one line safe to show anywhere:
 * control characters, line and paragraph separators become spaces, so none can hide text or drive
 * a terminal; the bidirectional controls are dropped.
 */
export function plainLine(value: string): string {
  return collapseSpaces(value.replace(BIDI, '').replace(LINE_BREAKING, ' '));
}

/**
 * What a command prints in a terminal: lines and tabs kept, every other control character and the
 * bidirectional controls dropped, so a stored value (an older message, a file's text) cannot move
 * the cursor, clear the screen or reorder what is shown.
 */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(DRIVING, '');
}

/**
 * Text of several lines from elsewhere (an atendimento's summary a clerk pasted, an e-mail's body):
 * line ends of one kind, tabs kept, every other control character and the bidirectional controls
 * dropped, no spaces at the end of a line, ends trimmed.
 */
export function plainText(value: string): string {
  return value
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(DRIVING, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
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
