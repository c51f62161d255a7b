// A count with its noun in agreement, never "(s)": "1 correção", "3 correções", "0 corrections".
import { formatCount } from './numbers';

/**
 * The count as people write it, then `one` for exactly 1 and `many` for anything else (0 included,
 * as in "0 correções" and "0 corrections"). The words may carry their verb: `plural(n, 'linha
 * altera', 'linhas alteram')`.
 */
export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
