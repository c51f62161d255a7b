// The mother's name a registry row leaves unstated (an empty "Nome da mãe" beside "Não consta mãe"
// = Não). An empty cell is no change: the main system still holds the name it held — the one the
// last load brought, or, for a record no load gave the mother fact, the one the desk had before its
// correction on its way (the merge's base, rowMerge.ts) — never a name the desk's own correction
// cleared. Read so, the row is no third value against that correction, as with none in flight.
import type { Professional } from '../../../shared/domain';
import { MOTHER_FACT_FIELD } from '../../../shared/fields';
import { decodeMotherFact } from '../../../shared/rules/motherFact';
import type { MotherFact } from '../../../shared/rules/mother';
import type { InFlight } from './rowMerge';

/** What the main system held of a known record, for reading a row against it. */
export interface MainSystemBase {
  /** The record's `loaded_values`. */
  loaded: string | null;
  inFlight: InFlight;
}

/** The mother fact the last load brought, if it brought one. */
function loadedMother(loaded: string | null): MotherFact | undefined {
  if (loaded === null) return undefined;
  try {
    const values = JSON.parse(loaded) as Record<string, string | null>;
    return values !== null && typeof values === 'object' && Object.hasOwn(values, MOTHER_FACT_FIELD) ? decodeMotherFact(values[MOTHER_FACT_FIELD] ?? null) : undefined;
  } catch {
    return undefined;
  }
}

/** The name the main system still holds when its row leaves the name cell empty. */
export function unstatedMotherName(existing: Professional | null, base: MainSystemBase | null): string | null {
  if (!existing) return null;
  let held = base ? loadedMother(base.loaded) : undefined;
  if (held === undefined && base) {
    const old = base.inFlight.of(existing.id).get(MOTHER_FACT_FIELD)?.old;
    if (old !== undefined) held = decodeMotherFact(old);
  }
  held ??= existing;
  return held.motherNotListed ? null : held.motherName;
}
