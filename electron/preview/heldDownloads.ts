// The files the browser host wrote for the page to download (exports, reports, lote packages,
// backups "saved" through it), in the computer's temporary folder until they are downloaded.
// Whoever holds the token could ask for export after export and never download one, until that
// disk is full: when a new save place is asked for and those waiting pass the budget, the oldest
// are let go (their handles resolve to nothing, their folders are removed). The page downloads a
// file as soon as it is written, so the newest are the ones in use.
import { statSync } from 'node:fs';

export interface HeldDownload {
  handle: string;
  /** The file the handle names, in a folder of its own that goes with it. */
  path: string;
}

export class HeldDownloads {
  /** By folder, in the order they were handed out: the oldest first. */
  private readonly held = new Map<string, HeldDownload>();

  constructor(
    private readonly budget: number,
    /** Lets one go: revokes its handle and removes its folder. */
    private readonly letGo: (download: HeldDownload, folder: string) => void,
  ) {}

  /** A new save place: those waiting are measured, and the oldest let go while they pass the budget. */
  add(folder: string, download: HeldDownload): void {
    let total = [...this.held.values()].reduce((sum, waiting) => sum + sizeOf(waiting.path), 0);
    for (const [oldFolder, oldest] of this.held) {
      if (total <= this.budget) break;
      total -= sizeOf(oldest.path);
      this.held.delete(oldFolder);
      this.letGo(oldest, oldFolder);
    }
    this.held.set(folder, download);
  }

  /** Downloaded, or its handle forgotten past the broker's limit: no longer waiting. */
  forget(folder: string): void {
    this.held.delete(folder);
  }
}

/** What a job wrote there so far (nothing yet: 0). */
function sizeOf(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}
