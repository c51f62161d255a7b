// A main system's file opened in Excel and saved again loses the leading zeros of a registration
// number kept in a number cell (00123 becomes 123). Its row then names no record and brings the CPF
// of the record it is: the row is refused as a CPF of another record, and this says why.

/** The sentence that names the cause, when `typed` is `stored` without its leading zeros; else null. */
export function lostZerosNote(stored: string, typed: string): string | null {
  if (stored === typed || !/^0+\d/.test(stored) || stored.replace(/^0+/, '') !== typed) return null;
  return `O registro ${typed} da planilha é o ${stored} sem os zeros à esquerda, que o Excel tira de uma célula de número: gere o arquivo do sistema do Regional com a coluna Registro como texto (ou importe-o sem abrir e salvar no Excel) e importe de novo.`;
}
