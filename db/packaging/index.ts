// Packaging of files that leave the desk (backups, batches for Implanta): zip with optional WinZip
// AES-256, BagIt 1.0 bags, atomic writes. See docs/packaging.md.
export { ZipWriter, writeZip, type ZipEntry, type ZipEntryResult, type ZipSource, type ZipSummary, type ZipWriterOptions } from '../zip';
export { ZipReader, ZipError, DEFAULT_LIMITS, ZIP_ERROR_CODES, type ZipEntryInfo, type ZipErrorCode, type ZipLimits } from '../zip';
export {
  BAGIT_TXT,
  BAG_PROBLEM_CODES,
  bagInfoValue,
  parseBagInfo,
  readTagText,
  SIGNATURE_FILE,
  validateBag,
  type BagInfoField,
  type BagPayloadFile,
  type BagProblem,
  type BagProblemCode,
  type BagSource,
  type BagValidation,
  type BagZipSummary,
  type ValidateOptions,
  type WriteBagOptions,
} from './bagit';
export { validateZipBag, zipBagSource, type ZipBagValidation } from './bagitZip';
export { formatBagInfo, formatManifest, isoDateLocal, writeBagZip } from './bagitWrite';
export { checkBagSignature, signatureText, type BagSignatureCheck, type SignatureHead, type SigningKey } from './bagSignature';
export { FinalNameTakenError, isPartialName, partialPathFor, removeStalePartials, syncFile, syncFolder, syncFolderSync, writeAtomically } from './atomicFile';
