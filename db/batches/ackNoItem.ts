// An answer of Implanta with no item. Before an empty lote was refused at sealing, the desk sealed
// and sent lotes every item had left (taken out, cancelled, dropped by a conflict): a sealed lote is
// never cancelled, so Implanta's answer listing no item is what closes such a lote.
import type { Database } from 'better-sqlite3';
import { formatCount } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import { statement } from '../statements';
import type { BatchRow } from './summary';

/**
 * An answer with no item is only for a lote with no item: an earlier version of the desk sealed and
 * sent lotes every item had left, which nothing else can close.
 */
export function refuseNoItemFor(db: Database, batch: BatchRow): void {
  const held = statement<{ n: number }>(
    db,
    'SELECT (SELECT count(*) FROM corrections WHERE batch_id = ?) + (SELECT count(*) FROM cep_changes WHERE batch_id = ?) AS n',
  ).get(batch.id, batch.id) as { n: number };
  if (held.n === 0) return;
  throw new AppError(
    'ACK_INVALID',
    `O arquivo de confirmação não responde a nenhum item, mas o lote ${batch.number} tem ${formatCount(held.n)} ${held.n === 1 ? 'item' : 'itens'}: peça à Implanta a resposta de cada item. Nada foi alterado.`,
  );
}
