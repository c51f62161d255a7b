// `cress-desk store check`: SQLite's integrity_check over the whole store file, on demand. An
// ordinary open reads only the header and the schema (db/storeSessions.ts says when more is read);
// this is what the council's IT runs after a disk problem, or before copying a store by hand.
// SQLite answers a damaged file with its own English lines (often all in one row): they are
// counted one by one, the first few shown, and every one of them given with --json.
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';
import { EXIT, commandGroup, type CliModule } from './types';

/** How many of SQLite's lines the text shows; --json gives them all. */
const SHOWN = 5;

export interface StoreCheck {
  ok: boolean;
  /** Each problem SQLite found, one line each. */
  problems: string[];
  count: number;
}

function damagedText(path: string, problems: string[]): string {
  const more = problems.length - SHOWN;
  return [
    `STORE DAMAGED: ${plural(problems.length, 'problem', 'problems')} found in ${path}. Restore a backup (backup restore FILE) or call the IT support; nothing was changed.`,
    ...problems.slice(0, SHOWN).map((p) => `  - ${p}`),
    ...(more > 0 ? [`  … and ${formatCount(more)} more (all of them with --json)`] : []),
  ].join('\n');
}

export const storeCli: CliModule = (program, action) => {
  commandGroup(program, 'store', 'The store file itself')
    .command('check')
    .description('Read every page of the store (SQLite integrity_check)')
    .action(
      action(async (context) => {
        const rows = context.desk.store.db.pragma('integrity_check') as { integrity_check: string }[];
        const problems = rows
          .flatMap((r) => r.integrity_check.split('\n'))
          .map((line) => line.trim())
          .filter((line) => line !== '' && line !== 'ok');
        const result: StoreCheck = { ok: problems.length === 0, problems, count: problems.length };
        const text = result.ok ? `Store sound: every page of ${context.desk.store.path} was read and checked.` : damagedText(context.desk.store.path, problems);
        return { result, text, exit: result.ok ? EXIT.ok : EXIT.integrity };
      }),
    );
};
