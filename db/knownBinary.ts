// Files that start like a document, an image or an archive are no spreadsheet, CSV or answer of
// Implanta whatever their name: PDF, PNG, JPEG, GIF, RAR, gzip, 7-Zip. One list for every reader.
const BINARY_MAGICS = [Buffer.from('%PDF'), Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('GIF8'), Buffer.from('Rar!'), Buffer.from([0x1f, 0x8b]), Buffer.from('7z')];

/** Whether the first bytes are those of one of these kinds of file. */
export function isKnownBinary(bytes: Buffer): boolean {
  return BINARY_MAGICS.some((magic) => bytes.subarray(0, magic.length).equals(magic));
}
