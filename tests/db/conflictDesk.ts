// The desk the tests of a registry conflict closed by a correction start from: one professional,
// Maria (registration 40001), loaded from the main system with a first e-mail. DESK is the value
// the desk corrects to, FILE the main system's third value.
import { afterEach, beforeEach } from 'vitest';
import type { RegistryConflict } from '../../shared/contract/registry';
import type { Professional } from '../../shared/domain';
import type { BatchDesk, loadRegistry } from './batchFixtures';
import { CORRECTED, loadMaria, MAIN_SYSTEM, mariaOn, openMariaDesk } from './mariaLoads';

export const DESK = CORRECTED;
export const FILE = MAIN_SYSTEM;

export interface ConflictDesk {
  /** This test's desk (a new one for each test). */
  readonly desk: BatchDesk;
  maria(): Professional;
  /** A registry load from the main system giving Maria `email`. */
  load(email: string): ReturnType<typeof loadRegistry>;
  /** The open registry conflicts, as the window lists them. */
  open(): RegistryConflict[];
}

/** Opens Maria's desk before each test of the file and removes it after. */
export function useConflictDesk(): ConflictDesk {
  let current: BatchDesk | null = null;
  const desk = () => current as BatchDesk;
  const load = (email: string) => loadMaria(desk(), email);
  beforeEach(() => {
    current = openMariaDesk();
  });
  afterEach(() => desk().cleanup());
  return {
    get desk() {
      return desk();
    },
    maria: () => mariaOn(desk()),
    load,
    open: () => (desk().handlers['registry:conflicts']({ page: 0, pageSize: 50 }) as { items: RegistryConflict[] }).items,
  };
}
