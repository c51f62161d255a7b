import type { Store } from '../../db';
import type { Handlers } from '../../shared/contract';

/** What every group of benchmark cases receives. */
export interface BenchContext {
  store: Store;
  handlers: Handlers;
  /** A temporary folder for scratch databases; removed at the end. */
  dir: string;
  /** How many professionals the registry is filled with. */
  professionals: number;
  region: number;
}
