// The situação column of a spreadsheet answer, as Implanta's staff type it: the word plainly
// (any case, with or without accents, a closing period), or the phrase for "applied to the registry
// only" with its commas and parentheses. A mark of doubt — "aplicada?", "aplicada (?)", "¿rejeitada?",
// "aplicada!?", "aplicada..." — is no answer: the row is refused like any unknown situação, never
// taken as the word inside it.
import { foldForSearch } from '../../shared/text';

export interface StatusOutcome {
  status: 'synced' | 'rejected';
  registryOnly: boolean;
}

const SYNCED: StatusOutcome = { status: 'synced', registryOnly: false };
const REGISTRY_ONLY: StatusOutcome = { status: 'synced', registryOnly: true };
const REJECTED: StatusOutcome = { status: 'rejected', registryOnly: false };

/** The one-word situações, folded. */
const STATUS_WORDS = new Map<string, StatusOutcome>(Object.entries({
  applied: SYNCED,
  aplicada: SYNCED,
  aplicado: SYNCED,
  synced_registry_only: REGISTRY_ONLY,
  rejected: REJECTED,
  rejeitada: REJECTED,
  rejeitado: REJECTED,
  // The desk's own messages say "a Implanta recusou": a person typing the answer may too.
  recusada: REJECTED,
  recusado: REJECTED,
}));
/** "aplicada no cadastro, DIP não corrigido", "aplicada só no cadastro"…, folded and with punctuation as spaces. */
const REGISTRY_ONLY_WORDS = /^aplicad[ao] (?:so |somente |apenas )?no cadastro(?: (?:e )?(?:o )?dip nao (?:foi )?corrigid[ao])?$/;

/** Question and exclamation marks, ellipses, footnote stars: the person typing was not sure. */
const DOUBT = /[?¿!¡…*]|\.\./;
/** Punctuation a phrase may hold between its words. */
const BETWEEN_WORDS = /^[a-z0-9_\s,;:()/\-–—]*$/;

/** The cell folded as searches fold text, and without invisible characters (a zero-width space pasted in). */
function folded(cell: string): string {
  return foldForSearch(cell.replace(/\p{Cf}/gu, ''));
}

/** The answer a situação cell gives; undefined when it is none the desk knows, or is in doubt. */
export function statusOf(cell: string): StatusOutcome | undefined {
  const text = folded(cell).replace(/\.$/, '').trim();
  if (DOUBT.test(text) || !/^[a-z]/.test(text)) return undefined;
  const word = STATUS_WORDS.get(text);
  if (word) return word;
  if (!BETWEEN_WORDS.test(text)) return undefined;
  return REGISTRY_ONLY_WORDS.test(text.replace(/[^a-z0-9_]+/g, ' ').trim()) ? REGISTRY_ONLY : undefined;
}

/** The refusal of a situação cell that is no answer, naming its line and column. */
export function unknownStatusMessage(line: number, cell: string): string {
  const said = cell === '' ? 'a célula está vazia' : `"${cell}" não é uma situação conhecida`;
  const doubt = DOUBT.test(cell) ? ' (a pontuação deixa em dúvida se a Implanta aplicou ou recusou: confirme com ela)' : '';
  return `Linha ${line}, coluna situação: ${said}${doubt}; use aplicada, aplicada no cadastro (DIP não corrigido) ou rejeitada.`;
}
