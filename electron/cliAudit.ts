// `cress-desk audit new-key --yes`: when the key that signs the audit trail is lost for good, a new
// one starts signing it — recorded in the trail, and `audit verify` says from where the entries
// before it are checked by SHA-256 only. Only from a terminal: the desk's key is its user's business.
import { replaceLostKey } from '../db/audit';
import { EXIT, UsageError, type CliModule } from './cliTypes';

export const auditCli: CliModule = {
  options: { yes: { type: 'boolean' } },
  usage: `  audit new-key --yes                    Start a new audit key when the old one is lost for good
                                         (recorded; earlier entries are then checked by SHA-256 only)`,
  commands: {
    'audit new-key': async (context) => {
      if (context.args.length > 0) throw new UsageError(`unexpected argument: ${context.args[0]}`);
      if (context.values.yes !== true) throw new UsageError('audit new-key replaces the key that signs the audit trail: confirm with --yes');
      const result = replaceLostKey(context.desk.store.db, new Date().toISOString());
      return { result, text: `New audit key ${result.keyId} signs the trail from now on (the previous key ${result.previousKeyId ?? '—'} is no longer needed here).`, exit: EXIT.ok };
    },
  },
};
