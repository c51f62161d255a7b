// The IPC contract: one table of channels, each with zod schemas for input and output.
// Electron IPC, the CLI and the browser test host all serve exactly these channels.
import type { z } from 'zod';
import { auditContract } from './audit';
import { backupsContract } from './backups';
import { batchesContract } from './batches';
import { cepContract } from './cep';
import { contactsContract } from './contacts';
import { correctionsContract } from './corrections';
import { dipContract } from './dip';
import { importsContract } from './imports';
import { jobsContract } from './jobs';
import { operatorsContract } from './operators';
import { qualityContract } from './quality';
import { registryContract } from './registry';
import { settingsContract } from './settings';

export const contract = {
  ...settingsContract,
  ...registryContract,
  ...correctionsContract,
  ...cepContract,
  ...auditContract,
  ...jobsContract,
  ...batchesContract,
  ...backupsContract,
  ...importsContract,
  ...qualityContract,
  ...contactsContract,
  ...dipContract,
  ...operatorsContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;

/** What the caller sends (defaults may be omitted). */
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** What the handler receives after parsing (defaults filled). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>> };

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

export * from './common';
export * from './settings';
export * from './registry';
export * from './corrections';
export * from './cep';
export * from './audit';
export * from './jobs';
export * from './batches';
export * from './backups';
export * from './imports';
export * from './quality';
export * from './contacts';
export * from './dip';
export * from './operators';
export * from './sessions';
