// What the zip reader finds wrong with a file, as one internal error: a kind and the facts about
// it. Each caller turns it into the errors its users see (packages: ZIP_* codes; imports: FILE_*),
// through the `faults` option of the reader — the reader itself never words a message.
import { withoutControls } from '../../shared/text';

export type ZipFaultKind =
  // The end of the archive and its central directory
  | 'no-end-record'
  | 'multi-disk'
  | 'zip64-end-missing'
  | 'zip64-locator-missing'
  | 'zip64-record-invalid'
  | 'zip64-record-misplaced'
  | 'huge-number'
  | 'directory-misplaced'
  | 'directory-beyond-end'
  | 'directory-oversized'
  | 'too-many-entries'
  | 'directory-entry'
  | 'extra-field'
  | 'zip64-field'
  // One entry of the directory
  | 'unsafe-path'
  | 'duplicate'
  | 'unsupported-encryption'
  | 'aes-without-encryption'
  | 'unsupported-method'
  | 'too-large'
  | 'ratio'
  | 'stored-size-mismatch'
  | 'overlap'
  // Bytes the directory does not list before an entry (or, `after`, between the last one and the directory).
  | 'hidden-data'
  // Reading an entry
  | 'truncated'
  | 'not-found'
  | 'entry-too-large'
  | 'local-header-missing'
  | 'local-header-mismatch'
  | 'password-required'
  | 'password-wrong'
  // The password opened another entry of the zip, not this one: its salt or check bytes are damaged.
  | 'verifier-damaged'
  | 'aes-too-short'
  | 'overflow'
  | 'inflate'
  | 'auth-failed'
  | 'size-mismatch'
  | 'crc';

export interface ZipFaultFacts {
  /** The entry concerned, when there is one. */
  entry?: string;
  /** The bytes are after `entry`, not before it (`hidden-data`). */
  after?: boolean;
  /** 1-based position in the central directory (`directory-entry`). */
  index?: number;
  /** Entries in the directory (`too-many-entries`). */
  count?: number;
  /** The limit passed (`too-many-entries`, `too-large`). */
  limit?: number;
  /** Declared uncompressed size (`ratio`, `entry-too-large`, `size-mismatch`). */
  size?: number;
  compressedSize?: number;
  /** Bytes the entry actually produced (`size-mismatch`). */
  produced?: number;
  /** Compression method number (`unsupported-method`). */
  method?: number;
  /** Why a name is unsafe, or what of a local header differs from the directory, in Portuguese (`unsafe-path`, `local-header-mismatch`). */
  reason?: string;
  /** The names differ only in case (`duplicate`). */
  folded?: boolean;
  /** The compressed data ends too soon (`inflate`). */
  truncated?: boolean;
  /** The entry is encrypted: bad data may mean a wrong key (`inflate`). */
  encrypted?: boolean;
}

export class ZipFault extends Error {
  constructor(
    readonly kind: ZipFaultKind,
    readonly facts: ZipFaultFacts = {},
  ) {
    super(facts.entry === undefined ? kind : `${kind}: ${facts.entry}`);
    this.name = 'ZipFault';
  }
}

/** Turns a fault into what a caller's users see; any other error passes through unchanged. */
export type ZipFaultWords = (error: unknown) => unknown;

/** A mapping for every kind, so a new kind cannot be forgotten by a caller. */
export type ZipFaultTable<E extends Error> = { readonly [K in ZipFaultKind]: (facts: ZipFaultFacts) => E };

export function fault(kind: ZipFaultKind, facts?: ZipFaultFacts): ZipFault {
  // The name is for messages: a hostile one is shown without what would hide or reverse part of it.
  return new ZipFault(kind, facts?.entry === undefined ? facts : { ...facts, entry: withoutControls(facts.entry) });
}
