// A value the contract refuses (too long, empty…) is named as the person typed it — the option or
// argument of the command, with its limit — never by the contract's inner field (`evidence.kind`).
// The store's own check stays the only one: this only says its answer in the command's words.
import type { Channel } from '../../shared/contract';
import { AppError, type AppErrorData } from '../../shared/errors';
import { formatCount } from '../../shared/display/numbers';
import { plainText } from '../../shared/text';

/** For each channel the command line calls with typed text: the contract's path → the option or argument that fills it. */
const OPTIONS_OF: Partial<Record<Channel, Record<string, string>>> = {
  'corrections:save': { reason: '--reason', 'evidence.kind': '--evidence', 'evidence.date': '--evidence-date' },
  'corrections:cancel': { reason: '--reason' },
  'corrections:dismissRejection': { reason: '--reason' },
  'cep:save': { cep: 'CEP', street: '--street', district: '--district', city: '--city', uf: '--uf', reason: '--reason' },
  'registry:resolveConflict': { reason: '--reason' },
  'registry:search': { text: 'TEXT' },
  'registry:find': { key: 'CPF|REGISTRATION' },
  'contacts:add': { cpf: 'CPF', name: '--name', summary: '--summary', notes: '--notes' },
  'contacts:answer': { text: '--text' },
  'contacts:close': { resolution: '--resolution' },
  'contacts:checkIdentity': { cpf: '--cpf', motherName: '--mother' },
  'settings:updateContacts': { implantaEmail: '--implanta-email' },
  'settings:setup': { seccional: '--seccional', operator: '--operator' },
  'operators:add': { name: 'NAME' },
  'dip:arrive': { arrivedOn: '--date' },
};

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined), input);
}

/** What is wrong with the typed text, in the option's words. */
function problem(issue: Issue, typed: unknown): string {
  const length = typeof typed === 'string' ? plainText(typed).length : null;
  const has = length === null ? '' : ` (tem ${formatCount(length)})`;
  if (issue.origin === 'string' && issue.code === 'too_big') return `no máximo ${formatCount(Number(issue.maximum))} caracteres${has}`;
  if (issue.origin === 'string' && issue.code === 'too_small') return Number(issue.minimum) <= 1 ? 'não pode ficar vazio' : `pelo menos ${formatCount(Number(issue.minimum))} caracteres${has}`;
  return issue.message.replace(/\.+$/, '');
}

/**
 * The contract's refusal of `input` on `channel`, said with the command's options; null when it is
 * not a refusal of typed values this command line knows how to name.
 */
export function optionRefusal(channel: Channel, input: unknown, error: AppErrorData): AppError | null {
  const options = OPTIONS_OF[channel];
  if (!options || error.code !== 'INPUT_INVALID' || !Array.isArray(error.details)) return null;
  const issues = error.details as Issue[];
  if (!issues.every((issue) => Array.isArray(issue.path) && options[issue.path.join('.')] !== undefined)) return null;
  const said = issues.map((issue) => ({ ...issue, message: `${options[issue.path.join('.')]}: ${problem(issue, valueAt(input, issue.path))}.` }));
  return new AppError('INPUT_INVALID', said.map((issue) => issue.message).join(' '), { details: said });
}
