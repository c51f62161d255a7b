// Zip files in and out of the desk: one careful reader (imports, backups, lote packages,
// acknowledgements) and one streaming writer (backups, lote packages), WinZip AES-256 and Zip64.
export { ZipReader, type ZipReadOptions } from './reader';
export { DEFAULT_LIMITS, type ZipEntryInfo, type ZipLimits } from './directory';
export { ZipError, ZIP_ERROR_CODES, zipErrorOf, type ZipErrorCode } from './zipError';
export { ZipFault, type ZipFaultFacts, type ZipFaultKind, type ZipFaultTable, type ZipFaultWords } from './faults';
export { ZipWriter, writeZip, type ZipEntry, type ZipEntryResult, type ZipSource, type ZipSummary, type ZipWriterOptions } from './writer';
export { unsafePathReason } from './format';
