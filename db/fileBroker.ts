// Who may name a file to the handler table. The command line's user owns the shell: her paths are
// taken as typed (`trustedFiles`). The app's window and the browser preview are not trusted with
// paths: their transport issues an opaque handle for each file the clerk chose in a native dialog
// or uploaded, and for each place she chose to save to, and only those handles resolve
// (`HandleBroker`). A typed, guessed or forged path resolves to nothing, whether it exists or not.
import { randomBytes } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import { AppError } from '../shared/errors';

/** `read`: a file to read; `write`: a place to save one file; `folder`: a folder to write into. */
export type FileMode = 'read' | 'write' | 'folder';

export interface GrantedFile {
  path: string;
  /** The name the clerk saw in the dialog; absent when the caller named the file itself. */
  name?: string;
  /** For `write`: replacing a file already there was confirmed. */
  replace: boolean;
}

export interface FileBroker {
  /** True for the command line: references are paths. */
  readonly trusted: boolean;
  /**
   * The file behind `ref` for `mode`, or FILE_NOT_GRANTED. `replace` is the caller's wish to
   * replace an existing file; only a trusted caller's wish counts.
   */
  grant(ref: string, mode: FileMode, options?: { replace?: boolean }): GrantedFile;
}

export function notGranted(): AppError {
  return new AppError(
    'FILE_NOT_GRANTED',
    'O CRESS Desk só abre e grava arquivos escolhidos na janela de seleção de arquivos. Escolha o arquivo de novo pelo botão da tela.',
  );
}

/** The command line's broker: a path exactly as its user gave it (the commands make them absolute). */
export function trustedFiles(): FileBroker {
  return {
    trusted: true,
    grant: (ref, _mode, options) => ({ path: ref, replace: options?.replace ?? false }),
  };
}

interface Entry {
  path: string;
  mode: FileMode;
  name: string;
  /** A save whose dialog confirmed replacing the file there; spent by the first write. */
  replace: boolean;
}

const HANDLE_PREFIX = 'cress-file-';
const DEFAULT_LIMIT = 500;

/** The app's and the browser preview's broker: handles it issued, for the session. */
export class HandleBroker implements FileBroker {
  readonly trusted = false;
  private readonly entries = new Map<string, Entry>();
  private readonly limit: number;
  /** Told of each file whose handle was forgotten past the limit (the preview removes its upload). */
  private readonly onForget: (path: string) => void;
  /** Told of each file a handler was granted (the preview keeps an upload while it is used). */
  private readonly onGrant: (path: string) => void;

  constructor(options: { limit?: number; onForget?: (path: string) => void; onGrant?: (path: string) => void } = {}) {
    this.limit = options.limit ?? DEFAULT_LIMIT;
    this.onForget = options.onForget ?? (() => undefined);
    this.onGrant = options.onGrant ?? (() => undefined);
  }

  /** A new handle for a path the transport got from a dialog or wrote itself (absolute). */
  issue(path: string, mode: FileMode, options: { name?: string; replace?: boolean } = {}): string {
    if (!isAbsolute(path)) throw new Error('a handle is issued only for an absolute path');
    const handle = `${HANDLE_PREFIX}${randomBytes(16).toString('hex')}`;
    this.entries.set(handle, { path, mode, name: options.name ?? basename(path), replace: mode === 'write' && options.replace === true });
    // The oldest handles go first: a session never holds an unbounded list.
    while (this.entries.size > this.limit) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      this.onForget(entry.path);
    }
    return handle;
  }

  /** The caller's wish to replace is ignored: only the dialog's confirmation, once, counts. */
  grant(ref: string, mode: FileMode, _options?: { replace?: boolean }): GrantedFile {
    const entry = this.entries.get(ref);
    if (!entry || entry.mode !== mode) throw notGranted();
    const replace = entry.replace;
    entry.replace = false;
    this.onGrant(entry.path);
    return { path: entry.path, name: entry.name, replace };
  }

  /** What a handle stands for, for the transport's own use (the preview's downloads); null when unknown. */
  entry(handle: unknown): { path: string; mode: FileMode; name: string } | null {
    const entry = typeof handle === 'string' ? this.entries.get(handle) : undefined;
    return entry ? { path: entry.path, mode: entry.mode, name: entry.name } : null;
  }

  /** Forgets a handle: it resolves to nothing from now on (a download handed over once). */
  revoke(handle: unknown): void {
    if (typeof handle === 'string') this.entries.delete(handle);
  }

  /** Whether `path` is one this broker handed out (the file manager shows only those). */
  issued(path: string): boolean {
    for (const entry of this.entries.values()) if (entry.path === path) return true;
    return false;
  }
}
