// What is wrong with Implanta's answer as JSON, in words a clerk can pass on to Implanta: the
// versions this desk reads, what a field should hold (no regular expressions), and which item of
// the list a problem is in (its position and id), never a JSON pointer alone.
import { describeSchemaError, type SchemaError } from './jsonSchema';
import { ackInvalid } from './ackSheets';

/** The versions of the answer this desk reads. */
const READ_VERSIONS = [1, 2];

/** A version this desk does not read: a newer tool at Implanta, most likely. */
export function unreadVersion(declared: number) {
  const newer = declared > Math.max(...READ_VERSIONS);
  return ackInvalid(
    `O arquivo de confirmação é da versão ${String(declared).slice(0, 12)} do formato de resposta, e este CRESS Desk lê as versões ${READ_VERSIONS.join(' e ')}.` +
      (newer
        ? ' Ele pode ter sido gerado por uma versão mais nova do sistema da Implanta: peça à Implanta a resposta na versão 2 (ou em planilha .xlsx ou .csv), ou atualize o CRESS Desk. Nada foi alterado.'
        : ' Peça à Implanta um arquivo de resposta nas versões 1 ou 2, ou em planilha .xlsx ou .csv. Nada foi alterado.'),
  );
}

/** What the answer's fields are, for a value that does not have the shape asked. */
const FIELD_WORDS: Record<string, string> = {
  batch: 'o identificador do lote, um UUID como no pacote',
  packageSha256: 'o SHA-256 do arquivo .zip do pacote (64 algarismos hexadecimais)',
  number: 'o número do lote, como 2026-0001',
  acknowledgedAt: 'a data e hora da resposta, como 2026-03-09T14:30:00Z',
  id: 'o id de uma correção ou alteração de CEP do lote, um UUID como no pacote',
  dipStatusDate: 'a data da situação do DIP: dd/mm/aaaa, AAAA-MM-DD ou data e hora ISO 8601',
};

function withFieldWords(error: SchemaError): SchemaError {
  const field = error.at.split('/').pop() ?? '';
  const words = error.keyword === 'pattern' ? FIELD_WORDS[field] : undefined;
  return words ? { ...error, message: `deve ser ${words}` } : error;
}

/** "item 2 (id 5d0f…), campo status: …": where in the list, and which item. */
function describeInList(error: SchemaError, value: unknown): string {
  const inItem = /^\/items\/(\d+)(?:\/(.+))?$/.exec(error.at);
  if (!inItem) return describeSchemaError(error);
  const index = Number(inItem[1]);
  const items = (value as { items?: unknown }).items;
  const item = Array.isArray(items) ? (items[index] as { id?: unknown } | undefined) : undefined;
  const id = typeof item?.id === 'string' && item.id !== '' ? ` (id ${item.id.slice(0, 40)})` : '';
  return `item ${index + 1}${id}${inItem[2] ? `, campo ${inItem[2]}` : ''}: ${error.message}`;
}

/** The refusal of an answer that does not follow the JSON format: the first problems, and each one, with the item it is in. */
export function schemaRefusal(errors: SchemaError[], value: unknown) {
  const worded = errors.map(withFieldWords);
  return ackInvalid(
    `O arquivo de confirmação não segue o formato de resposta da Implanta: ${worded.slice(0, 3).map(describeSchemaError).join('; ')}. Peça à Implanta um arquivo de resposta corrigido. Nada foi alterado.`,
    worded.map((error) => ({ at: error.at, message: describeInList(error, value) })),
  );
}
