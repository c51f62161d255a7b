// The desk the tests of a registry conflict closed by a correction start from: one professional,
// Maria (registration 40001), loaded from the main system with a first e-mail. DESK is the value
// the desk corrects to, FILE the main system's third value.
import { afterEach, beforeEach } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { RegistryConflict } from '../../shared/contract/registry';
import type { Professional } from '../../shared/domain';
import { loadRegistry, openBatchDesk, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
export const DESK = 'maria.souza@gmail.com';
export const FILE = 'msouza@uol.com.br';

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
  const load = (email: string) => loadRegistry(desk(), [HEADER, `40001;${validCpf(40001)};Maria Souza;Rita Souza;${email}`]);
  beforeEach(() => {
    current = openBatchDesk();
    load('maria@exemplo.com.br');
  });
  afterEach(() => desk().cleanup());
  return {
    get desk() {
      return desk();
    },
    maria: () => findProfessional(desk().store.db, '40001') as Professional,
    load,
    open: () => (desk().handlers['registry:conflicts']({ page: 0, pageSize: 50 }) as { items: RegistryConflict[] }).items,
  };
}
