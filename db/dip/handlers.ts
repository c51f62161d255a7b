// The DIP's paper-side channels of the handler table (merged into db/handlers.ts).
import type { Handlers } from '../../shared/contract';
import type { Store } from '../open';
import { dipPaperOf, recordArrival, undoArrival } from './paper';

type DipChannel = Extract<keyof Handlers, `dip:${string}`>;

export function dipHandlers(store: Store, options: { clock: () => Date }): Pick<Handlers, DipChannel> {
  const { db } = store;
  return {
    'dip:items': ({ professionalId }) => dipPaperOf(db, professionalId),
    'dip:arrive': (input) => recordArrival(db, input, options.clock()),
    'dip:undo': (input) => undoArrival(db, input, options.clock()),
  };
}
