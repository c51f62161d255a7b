// What is wrong with Implanta's answer as JSON, in words a clerk can pass on to Implanta: the
// versions this desk reads, what a field should hold (no regular expressions), and which item of
// the list a problem is in (its position and id), never a JSON pointer alone.
import { plainLine } from '../../shared/text';
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
  acknowledgedAt: 'a data e hora da resposta (ISO 8601), como 2026-03-09T14:30:00Z ou, no horário de Brasília, 2026-03-09T11:30',
  id: 'o id de uma correção ou alteração de CEP do lote, um UUID como no pacote',
  dipStatusDate: 'a data da situação do DIP: dd/mm/aaaa, AAAA-MM-DD ou data e hora ISO 8601',
};

/** Fields whose refusal repeats what they hold: a date is found in the file by what it says. */
const QUOTED_FIELDS = new Set(['acknowledgedAt', 'dipStatusDate']);

/** The value at a JSON pointer of the answer (own keys only). */
function valueAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((at, key) => (typeof at === 'object' && at !== null && Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined), value);
}

function withFieldWords(error: SchemaError, value: unknown): SchemaError {
  const field = error.at.split('/').pop() ?? '';
  const words = error.keyword === 'pattern' ? FIELD_WORDS[field] : undefined;
  if (!words) return error;
  const written = QUOTED_FIELDS.has(field) ? valueAt(value, error.at) : undefined;
  const text = typeof written === 'string' ? plainLine(written) : null;
  const said = text === null ? '' : `, e traz "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
  return { ...error, message: `deve ser ${words}${said}` };
}

/** What each field of an item is, in words, with its name in the file. */
const ITEM_FIELDS: Record<string, string> = {
  id: 'o identificador (id)',
  status: 'a situação (status)',
  message: 'a mensagem (message)',
  dipStatus: 'a situação do DIP (dipStatus)',
  dipStatusDate: 'a data do DIP (dipStatusDate)',
};

/** Who an item is about, in the clerk's words ("CPF 123.456.789-09"), when the desk knows its id. */
export type ItemNamer = (id: string) => string | null;

/**
 * "Item 2 da resposta (CPF 123.456.789-09): a situação (status) deve ser …": which item of the list,
 * by its record when the desk knows it (else its id), and what is wrong, never a JSON pointer.
 */
function describeInList(error: SchemaError, value: unknown, nameOf: ItemNamer): string {
  const inItem = /^\/items\/(\d+)(?:\/(.+))?$/.exec(error.at);
  if (!inItem) return /^\/[^/]+$/.test(error.at) ? `campo ${error.at.slice(1)}: ${error.message}` : describeSchemaError(error);
  const index = Number(inItem[1]);
  const items = (value as { items?: unknown }).items;
  const item = Array.isArray(items) ? (items[index] as { id?: unknown } | undefined) : undefined;
  const id = typeof item?.id === 'string' && item.id !== '' ? item.id.slice(0, 40) : null;
  const who = id === null ? '' : ` (${nameOf(id.toLowerCase()) ?? `id ${id}`})`;
  const field = inItem[2];
  const missing = error.keyword === 'required' && !field ? /obrigatória (\S+)$/.exec(error.message)?.[1] : undefined;
  const what = missing
    ? `falta ${ITEM_FIELDS[missing] ?? `o campo ${missing}`}`
    : field
      ? `${ITEM_FIELDS[field] ?? `o campo ${field}`} ${error.message}`
      : error.message;
  return `Item ${index + 1} da resposta${who}: ${what}`;
}

/**
 * The refusal of an answer that does not follow the JSON format: first the first problem in words
 * (which item, what is wrong), then the next ones; each one, with its item, in the details.
 */
export function schemaRefusal(errors: SchemaError[], value: unknown, nameOf: ItemNamer = () => null) {
  const worded = errors.map((error) => withFieldWords(error, value)).map((error) => ({ at: error.at, message: describeInList(error, value, nameOf) }));
  const [first, ...others] = worded.map((error) => error.message);
  const more = others.length > 0 ? ` Também: ${others.slice(0, 2).join('; ')}${others.length > 2 ? `; e mais ${others.length - 2}` : ''}.` : '';
  const opening = (first ?? '').charAt(0).toUpperCase() + (first ?? '').slice(1);
  return ackInvalid(
    `${opening}. O arquivo de confirmação não segue o formato de resposta da Implanta.${more} Peça à Implanta um arquivo de resposta corrigido. Nada foi alterado.`,
    worded,
  );
}
