// The uploads the browser host keeps for the page, with their sizes. They live in the computer's
// temporary folder until the host stops: whoever holds the token could otherwise upload until that
// disk is full. Past the budget the oldest are let go (their handles resolve to nothing, their
// copies are removed); the page uploads a file just before using it, so the newest are the ones in use.
// Uploads still on their way count too: past the budget a new one is refused rather than written.

export interface HeldUpload {
  handle: string;
  /** The upload's own folder, removed with it. */
  folder: string;
  size: number;
  /** When it arrived or a handler was last granted it (ms). */
  usedAt: number;
}

export class HeldUploads {
  /** In the order they arrived: the oldest first. */
  private readonly held = new Map<string, HeldUpload>();
  private total = 0;
  /** Bytes of uploads still on their way. */
  private incoming = 0;

  constructor(
    private readonly budget: number,
    /** Lets one go: revokes its handle and removes its folder. */
    private readonly letGo: (upload: HeldUpload) => void,
  ) {}

  /**
   * Makes room for `bytes` more of an upload on its way, letting the oldest held ones go; false when
   * the uploads on their way alone pass the budget (the caller refuses the upload and calls `arrived`).
   */
  receiving(bytes: number): boolean {
    this.incoming += bytes;
    this.fit(null);
    return this.incoming <= this.budget;
  }

  /** An upload on its way ended (kept, refused or abandoned): its `bytes` no longer come. */
  arrived(bytes: number): void {
    this.incoming -= bytes;
  }

  /** Counts a new upload, then lets the oldest others go until what is held fits the budget. */
  add(upload: HeldUpload): void {
    this.held.set(upload.folder, upload);
    this.total += upload.size;
    this.fit(upload);
  }

  private fit(keep: HeldUpload | null): void {
    for (const oldest of this.held.values()) {
      if (this.total + this.incoming <= this.budget || oldest === keep) break;
      this.forget(oldest.folder);
      this.letGo(oldest);
    }
  }

  /** A handler was granted the upload in `folder`: it is in use. */
  used(folder: string, at: number): void {
    const upload = this.held.get(folder);
    if (upload) upload.usedAt = at;
  }

  /**
   * Lets go the uploads no handler was granted since `before`: an upload sits in the clear in the
   * temporary folder, and the page uploads a file again each time the clerk chooses it.
   */
  letGoUnusedSince(before: number): void {
    for (const upload of [...this.held.values()]) {
      if (upload.usedAt >= before) continue;
      this.forget(upload.folder);
      this.letGo(upload);
    }
  }

  /** An upload that went by other means (its handle forgotten past the broker's limit). */
  forget(folder: string): void {
    const upload = this.held.get(folder);
    if (!upload) return;
    this.held.delete(folder);
    this.total -= upload.size;
  }
}
