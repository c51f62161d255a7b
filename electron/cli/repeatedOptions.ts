// An option that takes one value, given twice (`--value a --value b`, `--db x --db y`): the parser
// would keep the last and drop the other without a word, saving what the person did not mean (an
// e-mail correction lost behind a second `--field`, another store opened). Options that gather
// several values (`--set`, `--attach`) say so with their own collector and may repeat.
import type { Option } from 'commander';
import { collect } from './correctionChanges';

/** The first single-value option `given` names more than once (before a lone `--`), or null. */
export function repeatedOption(given: readonly string[], options: readonly Option[]): string | null {
  const words = given.includes('--') ? given.slice(0, given.indexOf('--')) : given;
  for (const option of options) {
    const flag = option.long;
    if (!flag || !(option.required || option.optional) || option.parseArg === collect) continue;
    if (words.filter((word) => word === flag || word.startsWith(`${flag}=`)).length > 1) return flag;
  }
  return null;
}
