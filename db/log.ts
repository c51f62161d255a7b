// The app's log file, for the council's IT person: what ran, how long, how it ended. Never the
// data: inputs and outputs are not logged, and every line is scrubbed of anything shaped like a
// CPF, a CEP, an e-mail address or a phone number before it is written (LGPD).
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 3;

const SCRUBBERS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[e-mail]'],
  [/\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g, '[cpf]'],
  [/\b\d{5}-?\d{3}\b/g, '[cep]'],
  [/\(?\b\d{2}\)?\s?9?\d{4}-?\d{4}\b/g, '[telefone]'],
];

export function scrub(text: string): string {
  return SCRUBBERS.reduce((acc, [pattern, mask]) => acc.replace(pattern, mask), text);
}

export interface LogEvent {
  level: 'info' | 'warn' | 'error';
  event: string;
  [key: string]: string | number | boolean | null | undefined;
}

export interface Logger {
  log(event: LogEvent): void;
  readonly file: string | null;
}

export const silentLogger: Logger = { log: () => undefined, file: null };

/** JSON lines in `<dir>/cress-desk.log`, rotated at 5 MB, three files kept. */
export function fileLogger(dir: string): Logger {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'cress-desk.log');
  const rotate = () => {
    if (!existsSync(file) || statSync(file).size < MAX_BYTES) return;
    rmSync(`${file}.${KEEP}`, { force: true });
    for (let i = KEEP - 1; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    renameSync(file, `${file}.1`);
  };
  return {
    file,
    log(event) {
      try {
        rotate();
        appendFileSync(file, `${scrub(JSON.stringify({ at: new Date().toISOString(), ...event }))}\n`);
      } catch {
        // A log that cannot be written must never stop the clerk's work.
      }
    },
  };
}
