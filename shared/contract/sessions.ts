// Which channels need an operator signed in at the desk: those that take the key or personal data
// out of it, each in the name of whoever asked — the recovery key, a backup (the copy for Implanta
// too), the audit trail, the pendências and registry spreadsheets, a lote's package, an
// atendimento's forward and its attachments. The dispatcher refuses them in one place, before any
// handler runs (db/dispatch.ts): nothing is written, nothing is signed as the system. The backup
// routine (`backups:auto`) is made with nobody there, and is not one of them.
import type { Channel } from './index';

export const OPERATOR_CHANNELS = [
  'settings:exportKey',
  'backups:create',
  'audit:export',
  'quality:export',
  'registry:export',
  'batches:export',
  'contacts:forward',
  'contacts:attachment',
] as const satisfies readonly Channel[];

const needing: ReadonlySet<Channel> = new Set(OPERATOR_CHANNELS);

/** Does `channel` run only with an operator signed in? */
export function needsOperator(channel: Channel): boolean {
  return needing.has(channel);
}

/**
 * Channels that never write the store nor sign anything: the command line asks no PIN for them, and a
 * tab of the browser preview may call them after another tab signed in. Everything else is signed.
 */
export const READ_ONLY_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'app:info',
  'registry:search',
  'registry:get',
  'registry:find',
  'registry:emailInUse',
  'registry:overview',
  'registry:conflicts',
  'quality:summary',
  'quality:list',
  'corrections:preview',
  'corrections:list',
  'corrections:counts',
  'corrections:operators',
  'cep:list',
  'audit:verify',
  'jobs:status',
  'jobs:cancel',
  'batches:pending',
  'batches:list',
  'batches:find',
  'batches:get',
  'batches:items',
  'batches:verify',
  'batches:dashboard',
  'backups:list',
  'backups:summary',
  'backups:settings',
  'backups:verify',
  'imports:inspect',
  'imports:list',
  'imports:errors',
  'imports:report',
  'contacts:list',
  'contacts:get',
  'contacts:counts',
  'settings:contacts',
  'dip:items',
  'operators:list',
  // These check their own secret: the PIN being proved, the first operator's, the admin PIN.
  'session:start',
  'session:end',
  'settings:setup',
  'operators:resetPin',
]);
