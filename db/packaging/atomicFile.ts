// Files that appear whole or not at all: written under a hidden partial name in the destination
// folder, flushed to disk, then renamed. A crash or kill at any moment leaves either nothing under
// the final name or the complete file; earlier files are never touched.
//
// API
//   writeAtomically(finalPath, async (partialPath) => { …write and fsync partialPath… }, options)
//   partialPathFor(finalPath)  → `<dir>/.<final-name>.partial-<pid>-<start>-<random>`
//   isPartialName(fileName)    → whether a file name is one of those
//   removeStalePartials(dir, olderThanMs) → removes leftovers of killed writers: at once when the
//     process named in it no longer runs (db/leftovers.ts); an older version's, without a process
//     in its name, once untouched for `olderThanMs`
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync } from 'node:fs';
import { access, open, rm } from 'node:fs/promises';
import { ownerTag, removeLeftovers } from '../leftovers';
import { renameInPlace } from '../renameInPlace';
import { basename, dirname, join } from 'node:path';

const PARTIAL_MARK = '.partial-';

export function partialPathFor(finalPath: string): string {
  return join(dirname(finalPath), `.${basename(finalPath)}${PARTIAL_MARK}${ownerTag()}-${randomBytes(6).toString('hex')}`);
}

const NAMED_PARTIAL = /^\..+\.partial-(\d+)-(\d+)-[0-9a-f]{12}(?:\.[a-z]+)?$/;
const UNNAMED_PARTIAL = /^\..+\.partial-[0-9a-f]{12}(?:\.[a-z]+)?$/;

export function isPartialName(fileName: string): boolean {
  return NAMED_PARTIAL.test(fileName) || UNNAMED_PARTIAL.test(fileName);
}

/** Flushes a folder's entry list to disk (the rename); Windows cannot open folders, and needs not. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The same, for code that must not yield (a store swap with every connection closed). */
export function syncFolderSync(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class FinalNameTakenError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`);
    this.name = 'FinalNameTakenError';
  }
}

/**
 * Runs `write(partialPath)`, then fsyncs the partial file, renames it to `finalPath` and fsyncs
 * the folder. When `write` fails (or the final name is taken) the partial file is removed and the
 * error rethrown; `finalPath` is never created half-written, and once it is there nothing fails.
 */
export async function writeAtomically<T>(finalPath: string, write: (partialPath: string) => Promise<T>): Promise<T> {
  const partial = partialPathFor(finalPath);
  let value: T;
  try {
    value = await write(partial);
    await syncFile(partial);
    if (await exists(finalPath)) throw new FinalNameTakenError(finalPath);
    await renameInPlace(partial, finalPath);
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    throw error;
  }
  // The file is whole under its name from here on: a folder that cannot be flushed (a network
  // share) keeps it all the same, and a failure here must not be answered as "nothing written".
  await syncFolder(dirname(finalPath)).catch(() => {});
  return value;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes partial files of writers that no longer run, and those of an older version (no writer in
 * their name) untouched for `olderThanMs`. Answers their names.
 */
export async function removeStalePartials(folder: string, olderThanMs: number, now = Date.now()): Promise<string[]> {
  return removeLeftovers(folder, { named: NAMED_PARTIAL, unnamed: UNNAMED_PARTIAL, unnamedAfterMs: olderThanMs, namedAfterMs: 0, directory: false }, now);
}
