// Maria as the tests of registry loads meeting the desk's corrections tell her story: the main
// system's row for her, the e-mail it first loaded, the desk's correction of it, and the third
// value the main system sends later.
import { afterEach, beforeEach } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { Professional } from '../../shared/domain';
import { loadRegistry, openBatchDesk, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

export const MARIA_HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
export const mariaRow = (email: string) => `40001;${validCpf(40001)};Maria Souza;Rita Souza;${email}`;
export const LOADED = 'maria@exemplo.com.br';
export const CORRECTED = 'maria.souza@gmail.com';
export const MAIN_SYSTEM = 'msouza@uol.com.br';

/** A lote desk holding Maria as the main system first loaded her (each test's own). */
export function openMariaDesk(): BatchDesk {
  const desk = openBatchDesk();
  loadRegistry(desk, [MARIA_HEADER, mariaRow(LOADED)]);
  return desk;
}

/** For every test of the file: Maria's desk, fresh, handed to `use`; removed after the test. */
export function mariaDeskForEachTest(use: (desk: BatchDesk) => void): void {
  let desk: BatchDesk | null = null;
  beforeEach(() => {
    desk = openMariaDesk();
    use(desk);
  });
  afterEach(() => {
    desk?.cleanup();
    desk = null;
  });
}

/** Maria as the desk holds her now. */
export const mariaOn = (desk: BatchDesk): Professional => findProfessional(desk.store.db, '40001') as Professional;

/** The main system's next load, bringing Maria with `email`. */
export const loadMaria = (desk: BatchDesk, email: string) => loadRegistry(desk, [MARIA_HEADER, mariaRow(email)]);
