// The handler table behind the transport's file broker: before a handler that reads or writes a
// file runs, each file field of its input (shared/contract/files.ts) is turned into the path the
// broker grants, so handlers only ever see paths the clerk chose (or the command line's user
// typed). A save never silently replaces a file: a handler with its own `replace` flag gets the
// clerk's confirmation in it; for the others (the import error reports) an existing file is refused
// here, and so is a place no file can be saved to, before the work that would end by saving it.
import { lstatSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Handlers } from '../shared/contract';
import { FILE_INPUTS, type FileInput } from '../shared/contract/files';
import { AppError } from '../shared/errors';
import { notGranted, type FileBroker } from './fileBroker';
import { checkSaveDestination } from './saveDestination';
import { specialFileKind } from './specialFiles';

export interface GrantOptions {
  /** Whether `path` is a backup the desk's list shows (the window verifies and pins those by path). */
  listedBackup(path: string): Promise<boolean>;
}

/** Whether anything is under `path`: a file, a folder, or a link even to nothing (which a rename would replace). */
export function nameTaken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Something is already at `path`, where a file was to be saved: named as what it is (a file, a folder, a named pipe, a device). */
export function alreadyThere(path: string): AppError {
  const found = statSync(path, { throwIfNoEntry: false });
  if (found?.isDirectory()) return new AppError('EXPORT_DESTINATION', `"${path}" é uma pasta: informe o nome do arquivo a gravar dentro dela. Nada foi gravado.`);
  if (found && !found.isFile()) return new AppError('EXPORT_DESTINATION', `"${path}" não é um arquivo comum (é ${specialFileKind(found)}): escolha um arquivo numa pasta sua. Nada foi gravado.`);
  return new AppError('EXPORT_DESTINATION', `Já existe um arquivo ${basename(path)} nessa pasta: escolha outro nome. Nada foi substituído.`);
}

async function grantField(input: Record<string, unknown>, spec: FileInput, files: FileBroker, options: GrantOptions): Promise<Record<string, unknown>> {
  const ref = input[spec.field];
  if (ref === null || ref === undefined) return input;
  if (spec.each) {
    if (!Array.isArray(ref)) throw notGranted();
    const item: FileInput = { field: spec.each.field, mode: spec.mode, ...(spec.each.name ? { name: spec.each.name } : {}) };
    const granted = await Promise.all(ref.map((entry: unknown) => (entry !== null && typeof entry === 'object' ? grantField(entry as Record<string, unknown>, item, files, options) : Promise.reject(notGranted()))));
    return { ...input, [spec.field]: granted };
  }
  if (typeof ref !== 'string') throw notGranted();
  if (spec.mode === 'backup') {
    try {
      return { ...input, [spec.field]: files.grant(ref, 'read').path };
    } catch (error) {
      if (!files.trusted && (await options.listedBackup(ref))) return input;
      throw error;
    }
  }
  const wish = spec.replace ? input[spec.replace] === true : false;
  const granted = files.grant(ref, spec.mode, { replace: wish });
  const next: Record<string, unknown> = { ...input, [spec.field]: granted.path };
  if (spec.name && granted.name !== undefined) next[spec.name] = granted.name;
  if (spec.mode === 'write') {
    if (spec.replace) next[spec.replace] = granted.replace;
    else {
      checkSaveDestination(granted.path);
      if (!granted.replace && nameTaken(granted.path)) throw alreadyThere(granted.path);
    }
  }
  return next;
}

/** The same table, each channel that names files answering only for files the broker grants. */
export function grantFiles(handlers: Handlers, files: FileBroker, options: GrantOptions): Handlers {
  const table: Record<string, unknown> = { ...handlers };
  for (const [channel, specs] of Object.entries(FILE_INPUTS) as [keyof Handlers, readonly FileInput[]][]) {
    const handler = handlers[channel] as (input: unknown) => unknown;
    table[channel] = async (input: Record<string, unknown>) => {
      let granted = input;
      for (const spec of specs) granted = await grantField(granted, spec, files, options);
      return handler(granted);
    };
  }
  return table as unknown as Handlers;
}
