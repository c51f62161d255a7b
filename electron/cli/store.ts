// `cress-desk store check`: SQLite's integrity_check over the whole store file, on demand. An
// ordinary open reads only the header and the schema (db/storeSessions.ts says when more is read);
// this is what the council's IT runs after a disk problem, or before copying a store by hand.
import { plural } from '../../shared/display/plural';
import { EXIT, commandGroup, type CliModule } from './types';

export interface StoreCheck {
  ok: boolean;
  problems: string[];
}

export const storeCli: CliModule = (program, action) => {
  commandGroup(program, 'store', 'The store file itself')
    .command('check')
    .description('Read every page of the store (SQLite integrity_check)')
    .action(
      action(async (context) => {
        const rows = context.desk.store.db.pragma('integrity_check') as { integrity_check: string }[];
        const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
        const result: StoreCheck = { ok: problems.length === 0, problems };
        const text = result.ok
          ? `Store sound: every page of ${context.desk.store.path} was read and checked.`
          : `STORE DAMAGED (${plural(problems.length, 'problem', 'problems')}); restore a backup:\n${problems.slice(0, 20).map((p) => `  - ${p}`).join('\n')}`;
        return { result, text, exit: result.ok ? EXIT.ok : EXIT.integrity };
      }),
    );
};
