// How an input the contract refused is told back: the first problems, each short, and how many
// more there are. The input may come from whoever holds the browser host's token — ninety thousand
// unknown keys, or one key as long as the body — and the answer must stay a few lines, never the
// input sent back whole (nor a wall of text on the clerk's screen).
import type { z } from 'zod';
import { formatCount } from '../shared/display/numbers';

/** Problems named, in the message and in the details. */
const ISSUES_SAID = 10;
/** Unknown keys named in one problem. */
const KEYS_SAID = 10;
/** Characters kept of a key or a path part, and of one problem's message. */
const KEY_CHARS = 60;
const MESSAGE_CHARS = 400;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** One problem, short: its path parts and unknown keys cut, its message rebuilt when it would name too much. */
function shortIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  const path = issue.path.map((part) => (typeof part === 'string' ? cut(part, KEY_CHARS) : part));
  if (issue.code === 'unrecognized_keys' && (issue.keys.length > KEYS_SAID || issue.message.length > MESSAGE_CHARS)) {
    const keys = issue.keys.slice(0, KEYS_SAID).map((key) => cut(key, KEY_CHARS));
    const more = issue.keys.length - keys.length;
    const named = keys.map((key) => `"${key}"`).join(', ');
    return { ...issue, path, keys, message: `Chaves inválidas: ${named}${more > 0 ? ` e mais ${formatCount(more)}` : ''}` };
  }
  return { ...issue, path, message: cut(issue.message, MESSAGE_CHARS) };
}

/** The problems an answer carries: the first few, each short. */
export function issuesSaid(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.slice(0, ISSUES_SAID).map(shortIssue);
}

/** "Dados inválidos — page: …; extra: …." naming the first problems and how many more there are. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issuesSaid(issues).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'entrada';
    return `${path}: ${issue.message.replace(/\.+$/, '')}`; // one full stop, at the end
  });
  const more = issues.length - lines.length;
  if (more > 0) lines.push(`e mais ${formatCount(more)} ${more === 1 ? 'problema' : 'problemas'}`);
  return `Dados inválidos — ${lines.join('; ')}.`;
}
