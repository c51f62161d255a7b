// A fresh desk before each test holding people numbered 1…n, and corrections imports written in
// small steps, for the tests of how a big corrections import is written (in steps, beside other
// writers, by threads that may die). Also the built worker threads, wrapped to fail on cue.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { importStepRowsInEachTest } from '../../fixtures/imports/jobs';
import { addNumberedProfessionals, correctionsCsv, testDeskForEachTest, validCpf, type TestDesk } from '../fixtures';

export interface NumberedDesk {
  /** The desk of the running test. */
  readonly desk: TestDesk;
  /** The CPF of person `i` (1…n). */
  cpfOf(i: number): string;
  /** A corrections file giving each person, in the store's order, the e-mail `<prefix><i - 1>@exemplo.com.br`. */
  newEmails(prefix: string): string;
}

/**
 * Before each test, a new desk with `people` people: person `i` has the CPF made from `from.cpf + i`
 * and the registration number `from.registration + i`. Corrections imports are written 16 rows a
 * step, so a file of a few hundred rows is written in many steps.
 */
export function numberedDeskForEachTest(people: number, from: { cpf: number; registration: number }): NumberedDesk {
  let current: TestDesk | null = null;
  importStepRowsInEachTest(16);
  testDeskForEachTest((fresh) => {
    current = fresh;
    addNumberedProfessionals(fresh.store, people, from);
  });
  const cpfOf = (i: number) => validCpf(from.cpf + i);
  return {
    get desk() {
      if (!current) throw new Error('The numbered desk is made before each test: use it inside one.');
      return current;
    },
    cpfOf,
    newEmails(prefix) {
      const lines = Array.from({ length: people }, (_, i) => `${cpfOf(i + 1)};${prefix}${i}@exemplo.com.br;Atualização anual`);
      return correctionsCsv(this.desk, 'CPF;E-mail;Motivo', lines);
    },
  };
}

/** The built worker thread `out/worker/<name>.cjs`; a clear error when it has not been built. */
export function builtWorker(name: 'jobs' | 'importWriter'): string {
  const path = resolve(__dirname, `../../../out/worker/${name}.cjs`);
  if (!existsSync(path)) throw new Error(`Build first (npx vite build -c vite.node.config.ts): out/worker/${name}.cjs is missing`);
  return path;
}

/** A script among the desk's files, `fileName`, that runs `prelude` and then the built worker `name`. */
export function builtWorkerAfter(desk: TestDesk, fileName: string, name: 'jobs' | 'importWriter', prelude: string): string {
  const path = join(dirname(desk.file('x')), fileName);
  writeFileSync(path, `const { parentPort } = require('node:worker_threads');\n${prelude}\nrequire(${JSON.stringify(builtWorker(name))});\n`);
  return path;
}
