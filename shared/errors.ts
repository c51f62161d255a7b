// Stable error codes shared by the store, the IPC contract, the CLI and (later) imports.
export const ERROR_CODES = [
  'CPF_INVALID',
  'CPF_DUPLICATE',
  'PROFESSIONAL_NOT_FOUND',
  'CEP_INVALID',
  'CEP_UF_MISMATCH',
  'MOTHER_CONFLICT',
  'MOTHER_MISSING',
  'EMAIL_INVALID',
  /** Pendências of a record (shared/rules/pendencies.ts): no e-mail, a misspelt provider, one address on several professionals. */
  'EMAIL_MISSING',
  'EMAIL_TYPO',
  'EMAIL_SHARED',
  /** A correction sends Implanta again the value it refused for the record (a warning: db/refusedBefore.ts). */
  'VALUE_REFUSED_BEFORE',
  /** An import's row gives a field back the value a correction still on its way replaced (db/imports/kinds/undoingRows.ts). */
  'UNDOES_CORRECTION',
  /** Pendências: the address's município or the naturalidade is not a município of its UF (IBGE list). */
  'CITY_UNKNOWN',
  'BIRTHPLACE_UNKNOWN',
  /** A mother's "name" that says there is none ("Não consta", "Ignorada", "XXX"): the flag "Não consta mãe" is for that. */
  'MOTHER_PLACEHOLDER',
  /** A person's name that looks wrong (one word, a particle at an end, letters of another script). */
  'NAME_SUSPECT',
  /** A birth date in the future, before 1900, or of someone under 18. */
  'BIRTH_DATE_IMPLAUSIBLE',
  /** A phone number whose DDD does not exist, or a mobile number not starting with 9. */
  'PHONE_INVALID',
  /** Identification data changed after the DIP request was confirmed: Implanta must correct the request too (the store decides). */
  'DIP_DATA_PENDING',
  /** A registry load's DIP status is not the one Implanta reported: the desk kept Implanta's (a load note). */
  'DIP_STATUS_MISMATCH',
  'DATE_INVALID',
  'NAME_INVALID',
  'VALUE_INVALID',
  'VALUE_TOO_LONG',
  'VALUE_REQUIRED',
  'FIELD_UNKNOWN',
  'NO_CHANGE',
  'CORRECTION_NOT_FOUND',
  'CORRECTION_STATE',
  'CONFLICT_NOT_FOUND',
  'REASON_REQUIRED',
  'EVIDENCE_REQUIRED',
  'DIP_CONFIRMATION_REQUIRED',
  'VERSION_CONFLICT',
  'SETUP_REQUIRED',
  'ALREADY_SET_UP',
  'REGION_INVALID',
  'INPUT_INVALID',
  'STORE_NEWER',
  'STORE_CORRUPT',
  /** No store at the path given (only `init` and the app's first run create one). */
  'STORE_NOT_FOUND',
  /** Another writer held the store longer than the bounded wait. */
  'STORE_BUSY',
  /** The disk of the store (or of a file being written) is full. */
  'DISK_FULL',
  /**
   * The disk refused a write without saying it is full (SQLite's I/O error writing the store, its
   * -wal or -shm; the system's "file too large"): a file-size limit, a faulty disk. Nothing was written.
   */
  'DISK_WRITE_REFUSED',
  /** The store, or its folder, does not let this user write (read-only, another user's, a read-only share). */
  'STORE_READ_ONLY',
  'AUDIT_BROKEN',
  /** The desk's audit key (db/auditKey.ts) is not where the store needs it, or its file is damaged. */
  'AUDIT_KEY_MISSING',
  /** The store (or a backup's copy of it) is encrypted with a key this desk does not have (db/storeKey.ts). */
  'STORE_KEY',
  'JOB_NOT_FOUND',
  'JOB_CANCELLED',
  'JOB_BUSY',
  'BATCH_NOT_FOUND',
  'BATCH_ITEM_NOT_FOUND',
  'BATCH_EMPTY',
  'BATCH_OPEN_EXISTS',
  'BATCH_STATE',
  'BATCH_DESTINATION_INVALID',
  'BATCH_PACKAGE_INVALID',
  'ACK_INVALID',
  'ACK_UNKNOWN_BATCH',
  'ACK_NOT_SENT',
  'ACK_UNKNOWN_IDS',
  'ACK_MIXED_BATCHES',
  'ACK_DUPLICATE_IDS',
  'ACK_CHECKSUM',
  'ACK_CONFLICT',
  'DUPLICATE_CONFLICT',
  /** A registry row whose registration number the main system gives to another person than the desk's record (other CPF, and other name or birth date). */
  'REGISTRATION_REUSED',
  'FILE_UNREADABLE',
  /** A file the user named that is not there: a mistyped path or a pendrive taken out, not a damaged file. */
  'FILE_NOT_FOUND',
  'FILE_UNSAFE',
  'FILE_CHANGED',
  'SHEET_NOT_FOUND',
  'MAPPING_INVALID',
  'IMPORT_REPEATED',
  'IMPORT_NOT_FOUND',
  'IMPORT_UNDO_REFUSED',
  'BACKUP_INVALID',
  'BACKUP_NOT_FOUND',
  'BACKUP_PASSPHRASE_REQUIRED',
  'BACKUP_PASSPHRASE_WRONG',
  'BACKUP_DESTINATION',
  'BACKUP_DISK_FULL',
  'BACKUP_OTHER_REGION',
  'BACKUP_OTHER_DESK',
  'BACKUP_NEWER',
  'BACKUP_STORE_IN_USE',
  'BACKUP_RESTORE_NOT_READY',
  'BACKUP_RESTORE_BUSY',
  'EXPORT_DESTINATION',
  /** Atendimentos: unknown protocol or id, a step its state does not allow, an attachment refused by content or size. */
  'CONTACT_NOT_FOUND',
  'CONTACT_STATE',
  'ATTACHMENT_TYPE',
  'ATTACHMENT_TOO_LARGE',
  /** The DIP's paper side: an item already recorded as arrived, or undoing one that never arrived. */
  'DIP_PAPER_STATE',
  /** A file not chosen through the app's dialogs or the preview's upload/download (a typed or forged path). */
  'FILE_NOT_GRANTED',
  /** Operators: no operator chosen for the session, a wrong PIN (or the wait after five), an unknown or disabled operator, a wrong admin PIN. */
  'SESSION_REQUIRED',
  'PIN_WRONG',
  'PIN_LOCKED',
  'OPERATOR_NOT_FOUND',
  'OPERATOR_DISABLED',
  'OPERATOR_EXISTS',
  'ADMIN_PIN_WRONG',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  /** Portuguese, for the clerk. */
  message: string;
  field?: string;
  details?: unknown;
}

/** An error the user can act on; anything else is a bug and is reported as INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, options: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.message };
    if (this.field !== undefined) data.field = this.field;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }
}

/** The outcome of parsing one value: the normalised value or why it was refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; code: ErrorCode; message: string } => ({
  ok: false,
  code,
  message,
});
