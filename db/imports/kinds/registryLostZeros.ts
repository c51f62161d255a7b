// A main system's file opened in Excel and saved again loses the leading zeros of a registration
// number kept in a number cell (00123 becomes 123). Its row then names no record and brings the CPF
// of the record it is: the row is refused as a CPF of another record, and this says why. A
// corrections file (the Pendências worklist saved again in Excel) names no record by it: the same.

/** The sentence that names the cause, when `typed` is `stored` without its leading zeros; else null. */
export function lostZerosNote(stored: string, typed: string, remedy = REGISTRY_REMEDY): string | null {
  if (stored === typed || !/^0+\d/.test(stored) || stored.replace(/^0+/, '') !== typed) return null;
  return `O registro ${typed} da planilha é o ${stored} sem os zeros à esquerda, que o Excel tira de uma célula de número: ${remedy}`;
}

/**
 * The other way round: the desk holds the number without the zeros the file writes (an earlier load
 * of a file saved in Excel made the record so). The sentence, when `stored` is `typed` without its
 * leading zeros; else null.
 */
export function zerosLostHereNote(stored: string, typed: string): string | null {
  if (stored === typed || !/^0+\d/.test(typed) || typed.replace(/^0+/, '') !== stored) return null;
  return `O cadastro ${stored} desta mesa parece ser o ${typed} da planilha sem os zeros à esquerda, perdidos numa carga anterior de um arquivo salvo no Excel: o registro desse cadastro precisa ser corrigido para ${typed} antes que esta linha entre.`;
}

const REGISTRY_REMEDY = 'gere o arquivo do sistema do Regional com a coluna Registro como texto (ou importe-o sem abrir e salvar no Excel) e importe de novo.';

/** What a clerk does about a corrections file (hers, or the desk's own export re-saved in Excel). */
export const CORRECTIONS_REMEDY = 'escreva-o com os zeros (a coluna Registro formatada como texto), ou use a planilha .xlsx que o CRESS Desk exporta, e importe de novo.';

/** Registration numbers held to the longest, for the zeros a number cell may have dropped. */
const REGISTRATION_DIGITS = 12;

/** `typed` with the leading zeros it may have lost, shortest first: 123 → 0123, 00123… */
function withLostZeros(typed: string): string[] {
  if (!/^[1-9]\d*$/.test(typed)) return [];
  const out: string[] = [];
  for (let zeros = 1; typed.length + zeros <= REGISTRATION_DIGITS; zeros++) out.push('0'.repeat(zeros) + typed);
  return out;
}

/** The sentence naming the record `typed` is with its zeros lost, when `exists` finds one; else null. */
export function lostZerosOf(typed: string, exists: (registration: string) => boolean, remedy = REGISTRY_REMEDY): string | null {
  const stored = withLostZeros(typed).find(exists);
  return stored === undefined ? null : lostZerosNote(stored, typed, remedy);
}
