// BagIt 1.0 (RFC 8493) bags inside zip files: how backups and batches for Implanta are packaged,
// so that anyone can unzip one and check it with `sha256sum -c manifest-sha256.txt`.
//
// API
//   writeBagZip(path, { root, payload, info, baggingDate, zip })  → BagZipSummary   (bagitWrite.ts)
//       Writes `<root>/bagit.txt`, `bag-info.txt` (the caller's fields, then Bagging-Date and
//       Payload-Oxum), `data/<payload…>`, `manifest-sha256.txt` and `tagmanifest-sha256.txt`, in
//       that (sorted) order, in one pass: payload SHA-256s are computed while zipping. `root` is the
//       zip's single top-level folder (RFC 8493 §4: the file name without `.zip`). `zip` takes the
//       ZipWriter options (method, level, modifiedAt, password, saltSeed…). The file must not exist.
//       `sign`, when given, is called with bag-info.txt and manifest-sha256.txt once they are known
//       and may answer the text of SIGNATURE_FILE, a tag file written after the manifest and
//       listed in the tag manifest (see bagSignature.ts).
//   readTagText(source, path) → string                             a tag file's text, for checks
//   zipBagSource(zip: ZipReader) → { source, root, problems }   a bag to validate, read from a zip (bagitZip.ts)
//   validateBag(source, options) → { problems, info, payload }   every check below, never throws
//                                                                  for a bad bag (only for bugs)
//   validateZipBag(path, { password, limits, … })                  both, for a file on disk (bagitZip.ts); zip-level
//                                                                  failures throw ZipError
//   bagInfoValue(info, label)                                      first value of a bag-info field
//
// Validation (each problem has a stable `code` and a Portuguese `message`)
//   the zip holds one top-level folder; bagit.txt declares BagIt 1.0 in UTF-8; bag-info.txt parses,
//   has the required fields and a Payload-Oxum equal to the payload's real size and count;
//   manifest-sha256.txt (or -sha512) exists, each line is well formed, lists a path inside data/
//   once, and the file exists with that checksum; nothing in data/ is missing from a manifest;
//   tagmanifest-*.txt exists and its checksums match; no tag file is left out of it.
import { createHash, type Hash } from 'node:crypto';
import { unsafePathReason, ZipError, type ZipSource, type ZipWriterOptions } from '../zip';
import { plural } from '../../shared/display/plural';

export interface BagInfoField {
  label: string;
  value: string;
}

export interface BagPayloadFile {
  /** Path inside `data/`, `/`-separated (e.g. `cress-desk.sqlite`, `corrections.jsonl`). */
  path: string;
  data: Exclude<ZipSource, () => unknown>;
}

export interface WriteBagOptions {
  root: string;
  payload: readonly BagPayloadFile[];
  /** The caller's bag-info fields, in order (labels may repeat); Bagging-Date and Payload-Oxum are added. */
  info: readonly BagInfoField[];
  /** YYYY-MM-DD; default: today (local). */
  baggingDate?: string;
  zip?: ZipWriterOptions;
  /** The text of a signature tag file over bag-info.txt and the manifest, or null for none. */
  sign?: (tags: { bagInfo: string; manifest: string }) => string | null;
}

/** The tag file holding a keyed signature of the bag's description and manifest (bagSignature.ts). */
export const SIGNATURE_FILE = 'signature.txt';

export interface BagZipSummary {
  path: string;
  bytes: number;
  /** `octets.count` of the payload. */
  oxum: string;
  payload: { path: string; size: number; sha256: string }[];
}

export const BAG_PROBLEM_CODES = [
  'BAG_ROOT',
  'BAGIT_TXT_MISSING',
  'BAGIT_TXT_INVALID',
  'BAG_INFO_MISSING',
  'BAG_INFO_INVALID',
  'BAG_INFO_FIELD_MISSING',
  'OXUM_INVALID',
  'OXUM_MISMATCH',
  'MANIFEST_MISSING',
  'MANIFEST_LINE_INVALID',
  'MANIFEST_DUPLICATE',
  'PATH_UNSAFE',
  'PAYLOAD_MISSING',
  'PAYLOAD_CHECKSUM',
  'PAYLOAD_UNLISTED',
  'TAGMANIFEST_MISSING',
  'TAG_FILE_MISSING',
  'TAG_CHECKSUM',
  'TAG_FILE_UNLISTED',
  'FILE_DAMAGED',
] as const;
export type BagProblemCode = (typeof BAG_PROBLEM_CODES)[number];

export interface BagProblem {
  code: BagProblemCode;
  /** Portuguese, for the clerk. */
  message: string;
  path?: string;
}

/** A bag to validate: its files relative to the bag's root, and a way to read each. */
export interface BagSource {
  files: readonly { path: string; size: number }[];
  read(path: string): AsyncIterable<Buffer>;
}

export interface ValidateOptions {
  /** bag-info labels that must be present (case-insensitive). */
  requiredInfo?: readonly string[];
  /** Called with the running total of payload bytes hashed. */
  onProgress?: (bytes: number) => void;
}

export interface BagValidation {
  problems: BagProblem[];
  info: BagInfoField[];
  payload: { path: string; size: number }[];
}

const ALGORITHMS = ['sha256', 'sha512'] as const;
type Algorithm = (typeof ALGORITHMS)[number];
const TAG_FILE_MAX = 16 * 1024 * 1024;

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** RFC 8493 §2.1.3: CR, LF and % are percent-encoded in manifest paths. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function decodeManifestPath(path: string): string {
  return path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** Paths in byte order, as manifests and zips list them. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// ---------------------------------------------------------------- reading

/** Parses bag-info.txt: `Label: value` lines, continuation lines start with a space or tab. */
export function parseBagInfo(text: string): { fields: BagInfoField[]; invalidLines: number[] } {
  const fields: BagInfoField[] = [];
  const invalidLines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line === '') return;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value = `${last.value} ${line.trim()}`;
      return;
    }
    const match = /^([^:\s][^:]*?)\s*:\s?(.*)$/.exec(line);
    if (!match) invalidLines.push(index + 1);
    else fields.push({ label: match[1]!, value: match[2]!.trim() });
  });
  return { fields, invalidLines };
}

export function bagInfoValue(info: readonly BagInfoField[], label: string): string | undefined {
  const wanted = label.toLowerCase();
  return info.find((f) => f.label.toLowerCase() === wanted)?.value;
}

function manifestAlgorithm(path: string, prefix: 'manifest-' | 'tagmanifest-'): Algorithm | 'unknown' | null {
  const match = new RegExp(`^${prefix}([a-z0-9]+)\\.txt$`).exec(path);
  if (!match) return null;
  return (ALGORITHMS as readonly string[]).includes(match[1]!) ? (match[1] as Algorithm) : 'unknown';
}

/** A tag file's text (UTF-8, without a byte-order mark); refuses one larger than 16 MiB. */
export async function readTagText(source: BagSource, path: string): Promise<string> {
  return readText(source, path);
}

async function readText(source: BagSource, path: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.read(path)) {
    size += chunk.length;
    if (size > TAG_FILE_MAX) throw new Error(`${path} larger than ${TAG_FILE_MAX} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

interface ManifestEntry {
  algorithm: Algorithm;
  manifest: string;
  path: string;
  checksum: string;
}

function parseManifest(text: string, manifest: string, algorithm: Algorithm, problems: BagProblem[]): ManifestEntry[] {
  const hexLength = algorithm === 'sha256' ? 64 : 128;
  const entries: ManifestEntry[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const match = /^([0-9a-fA-F]+)[ \t]+\*?(.+)$/.exec(line);
    if (!match || match[1]!.length !== hexLength) {
      problems.push({ code: 'MANIFEST_LINE_INVALID', path: manifest, message: `${manifest}, linha ${index + 1}: linha malformada (esperado "soma  caminho").` });
      return;
    }
    entries.push({ algorithm, manifest, path: decodeManifestPath(match[2]!), checksum: match[1]!.toLowerCase() });
  });
  return entries;
}

/**
 * Validates a bag. Problems are collected, not thrown: the clerk sees every reason at once.
 * Files are read once, hashing them with every algorithm their manifests use.
 */
export async function validateBag(source: BagSource, options: ValidateOptions = {}): Promise<BagValidation> {
  const problems: BagProblem[] = [];
  const sizes = new Map(source.files.map((f) => [f.path, f.size]));
  const payloadFiles = source.files.filter((f) => f.path.startsWith('data/'));
  const result = (info: BagInfoField[] = []): BagValidation => ({ problems, info, payload: payloadFiles.map((f) => ({ ...f })) });
  const readTag = async (path: string): Promise<string | null> => {
    try {
      return await readText(source, path);
    } catch (error) {
      problems.push(damaged(path, error));
      return null;
    }
  };

  // bagit.txt
  if (!sizes.has('bagit.txt')) {
    problems.push({ code: 'BAGIT_TXT_MISSING', path: 'bagit.txt', message: 'Falta o arquivo bagit.txt: o pacote não é um bag BagIt.' });
  } else {
    const text = await readTag('bagit.txt');
    if (text !== null) {
      const { fields } = parseBagInfo(text);
      const version = bagInfoValue(fields, 'BagIt-Version');
      const encoding = bagInfoValue(fields, 'Tag-File-Character-Encoding');
      if (version !== '1.0' || encoding?.toUpperCase() !== 'UTF-8') {
        problems.push({ code: 'BAGIT_TXT_INVALID', path: 'bagit.txt', message: `bagit.txt inválido: esperado BagIt-Version 1.0 e codificação UTF-8 (encontrado ${version ?? '—'}, ${encoding ?? '—'}).` });
      }
    }
  }

  // bag-info.txt
  let info: BagInfoField[] = [];
  if (!sizes.has('bag-info.txt')) {
    problems.push({ code: 'BAG_INFO_MISSING', path: 'bag-info.txt', message: 'Falta o arquivo bag-info.txt com a descrição do pacote.' });
  } else {
    const text = await readTag('bag-info.txt');
    if (text !== null) {
      const parsed = parseBagInfo(text);
      info = parsed.fields;
      for (const line of parsed.invalidLines) {
        problems.push({ code: 'BAG_INFO_INVALID', path: 'bag-info.txt', message: `bag-info.txt, linha ${line}: esperado "Campo: valor".` });
      }
      for (const label of options.requiredInfo ?? []) {
        if (bagInfoValue(info, label) === undefined) {
          problems.push({ code: 'BAG_INFO_FIELD_MISSING', path: 'bag-info.txt', message: `bag-info.txt não informa o campo obrigatório ${label}.` });
        }
      }
      const oxum = bagInfoValue(info, 'Payload-Oxum');
      if (oxum !== undefined) {
        const match = /^(\d+)\.(\d+)$/.exec(oxum);
        const bytes = payloadFiles.reduce((a, f) => a + f.size, 0);
        if (!match) problems.push({ code: 'OXUM_INVALID', path: 'bag-info.txt', message: `Payload-Oxum malformado: "${oxum}" (esperado bytes.arquivos).` });
        else if (Number(match[1]) !== bytes || Number(match[2]) !== payloadFiles.length) {
          problems.push({
            code: 'OXUM_MISMATCH',
            path: 'bag-info.txt',
            message: `Payload-Oxum não confere: o pacote declara ${plural(Number(match[1]), 'byte', 'bytes')} em ${plural(Number(match[2]), 'arquivo', 'arquivos')}, mas data/ tem ${plural(bytes, 'byte', 'bytes')} em ${plural(payloadFiles.length, 'arquivo', 'arquivos')}.`,
          });
        }
      }
    }
  }

  // Manifests
  const manifests = source.files.map((f) => ({ path: f.path, algorithm: manifestAlgorithm(f.path, 'manifest-') })).filter((m) => m.algorithm !== null);
  const tagManifests = source.files.map((f) => ({ path: f.path, algorithm: manifestAlgorithm(f.path, 'tagmanifest-') })).filter((m) => m.algorithm !== null);
  const usable = manifests.filter((m): m is { path: string; algorithm: Algorithm } => m.algorithm !== 'unknown');
  if (usable.length === 0) {
    problems.push({ code: 'MANIFEST_MISSING', path: 'manifest-sha256.txt', message: 'Falta o manifesto manifest-sha256.txt com as somas de verificação dos dados.' });
  }
  const usableTags = tagManifests.filter((m): m is { path: string; algorithm: Algorithm } => m.algorithm !== 'unknown');
  if (usableTags.length === 0) {
    problems.push({ code: 'TAGMANIFEST_MISSING', path: 'tagmanifest-sha256.txt', message: 'Falta o manifesto tagmanifest-sha256.txt que protege os arquivos de descrição.' });
  }

  const expected: ManifestEntry[] = [];
  const listedPayload = new Map<string, Set<string>>(); // manifest → paths
  const listedTags = new Set<string>();
  for (const manifest of [...usable, ...usableTags]) {
    const text = await readTag(manifest.path);
    if (text === null) continue;
    const isTag = manifest.path.startsWith('tagmanifest-');
    const seen = new Set<string>();
    for (const entry of parseManifest(text, manifest.path, manifest.algorithm, problems)) {
      const unsafe = unsafePathReason(entry.path);
      const inData = entry.path.startsWith('data/');
      if (unsafe !== null || (isTag ? inData || entry.path.startsWith('tagmanifest-') : !inData)) {
        problems.push({
          code: 'PATH_UNSAFE',
          path: entry.path,
          message: `${manifest.path} lista "${entry.path}", um caminho ${unsafe ?? (isTag ? 'que não é arquivo de descrição' : 'fora de data/')}: recusado.`,
        });
        continue;
      }
      if (seen.has(entry.path)) {
        problems.push({ code: 'MANIFEST_DUPLICATE', path: entry.path, message: `${manifest.path} lista "${entry.path}" mais de uma vez.` });
        continue;
      }
      seen.add(entry.path);
      if (isTag) listedTags.add(entry.path);
      if (!sizes.has(entry.path)) {
        problems.push(
          isTag
            ? { code: 'TAG_FILE_MISSING', path: entry.path, message: `Falta o arquivo de descrição ${entry.path}, listado em ${manifest.path}.` }
            : { code: 'PAYLOAD_MISSING', path: entry.path, message: `Falta o arquivo ${entry.path}, listado em ${manifest.path}.` },
        );
        continue;
      }
      expected.push(entry);
    }
    if (!isTag) listedPayload.set(manifest.path, seen);
  }

  // Nothing in data/ may be left out of a manifest; no tag file may be left out of the tag manifest.
  for (const file of payloadFiles) {
    for (const [manifest, paths] of listedPayload) {
      if (!paths.has(file.path)) {
        problems.push({ code: 'PAYLOAD_UNLISTED', path: file.path, message: `O arquivo ${file.path} não consta em ${manifest}: foi acrescentado ou renomeado depois da criação do pacote.` });
      }
    }
  }
  if (usableTags.length > 0) {
    for (const file of source.files) {
      if (file.path.startsWith('data/') || file.path.startsWith('tagmanifest-') || listedTags.has(file.path)) continue;
      problems.push({ code: 'TAG_FILE_UNLISTED', path: file.path, message: `O arquivo ${file.path} não consta no manifesto de descrição: foi acrescentado depois da criação do pacote.` });
    }
  }

  // Checksums: each file read once.
  const byPath = new Map<string, ManifestEntry[]>();
  for (const entry of expected) byPath.set(entry.path, [...(byPath.get(entry.path) ?? []), entry]);
  let hashed = 0;
  for (const [path, entries] of [...byPath].sort(([a], [b]) => byteOrder(a, b))) {
    const hashes = new Map<Algorithm, Hash>(entries.map((e) => [e.algorithm, createHash(e.algorithm)]));
    try {
      for await (const chunk of source.read(path)) {
        for (const hash of hashes.values()) hash.update(chunk);
        if (path.startsWith('data/')) {
          hashed += chunk.length;
          options.onProgress?.(hashed);
        }
      }
    } catch (error) {
      problems.push(damaged(path, error));
      continue;
    }
    const digests = new Map([...hashes].map(([algorithm, hash]) => [algorithm, hash.digest('hex')]));
    for (const entry of entries) {
      if (digests.get(entry.algorithm) === entry.checksum) continue;
      problems.push(
        path.startsWith('data/')
          ? { code: 'PAYLOAD_CHECKSUM', path, message: `A soma de verificação de ${path} não confere com ${entry.manifest}: o arquivo foi alterado ou está danificado.` }
          : { code: 'TAG_CHECKSUM', path, message: `A soma de verificação de ${path} não confere com ${entry.manifest}: a descrição do pacote foi alterada.` },
      );
    }
  }
  return result(info);
}

/** Reading failures that say something about the file (zip checks, I/O); anything else is rethrown. */
function isReadFailure(error: unknown): boolean {
  return error instanceof ZipError || (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string');
}

function damaged(path: string, error: unknown): BagProblem {
  if (!isReadFailure(error)) throw error;
  // The system's own words (EIO: i/o error, read) are English: the code alone is kept, for support.
  const code = (error as NodeJS.ErrnoException).code ?? 'erro de leitura';
  const message =
    error instanceof ZipError
      ? error.message
      : `O arquivo ${path} não pôde ser lido do disco (${code}). Se o pacote está num pendrive ou numa pasta da rede, confira se continua conectado, copie-o para o computador e verifique outra vez.`;
  return { code: 'FILE_DAMAGED', path, message };
}
