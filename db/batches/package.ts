// The batch package: a zip holding one BagIt bag (built by db/packaging, as backups are), written
// whole or not at all, byte-identical on every export of the same sealed batch; and its check.
// Lotes sealed under the signed chain carry the desk's signature.txt (packageSignature.ts).
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { renameInPlace } from '../renameInPlace';
import { basename, dirname } from 'node:path';
import type { VerifyResult } from '../../shared/contract/batches';
import { AppError } from '../../shared/errors';
import { makePrivate } from '../fileModes';
import { openToRead, unreadableFile, writeRefusal } from '../fileRefusals';
import { regionLabel } from '../../shared/regions';
import { bagInfoValue, partialPathFor, removeStalePartials, SIGNATURE_FILE, syncFile, syncFolder, validateZipBag, writeBagZip, ZipError, ZipReader, type WriteBagOptions } from '../packaging';
import { isDeflatedEntry } from '../zip/entryDeflater';
import { checkPackageSignature, type PackageSigningContext } from './packageSignature';
import { brasilia } from './clock';
import { describeSchemaError } from './jsonSchema';
import { batchSchemaVersion, type PayloadFile } from './payload';
import { isSchemaVersion, payloadSchemas, SCHEMA_VERSIONS, type SchemaVersion } from './schemas';
import type { BatchRow } from './summary';

/**
 * Deflate level of packages. Level 3 keeps a 100 000-correction export within 1.5× of Info-ZIP at
 * its default level on the same files (`npm run bench`), for a slightly bigger file than level 6.
 */
export const PACKAGE_DEFLATE_LEVEL = 3;

/** Every payload file a package holds (the same five files in every Schema-Version). */
export const PAYLOAD_FILES = ['cep.jsonl', 'corrections.csv', 'corrections.jsonl', 'dip-requests.jsonl', 'summary.json'] as const;

export const REQUIRED_BAG_INFO = ['Source-Organization', 'Bagging-Date', 'External-Identifier', 'Payload-Oxum', 'Batch-Sequence', 'Schema-Version', 'App-Version'];

/** A partial file this old was left by a killed export: safe to remove. */
const STALE_PARTIAL_MS = 60 * 60_000;

/**
 * The seed of reproducible AES salts: from the batch and the passphrase, so the same batch with the
 * same passphrase encrypts to the same bytes, and a different batch or passphrase never reuses a salt.
 */
export function encryptionSeed(batch: Pick<BatchRow, 'uuid'>, passphrase: string): Buffer {
  return createHash('sha256').update(`cress-desk-batch\0${batch.uuid}\0`).update(passphrase, 'utf8').digest();
}

export interface WriteOptions {
  passphrase: string | null;
  /** Overwrite a different file already under the final name (the clerk confirmed it). */
  replace: boolean;
  onProgress?: (bytes: number, total: number) => void;
  signal?: AbortSignal;
  /** The desk's signature (packageSignature.ts); absent for lotes sealed before the chain was signed. */
  sign?: WriteBagOptions['sign'];
  /** The bag's folder inside the zip: the package's file name without `.zip` (summary.ts, lotePackageStem). */
  stem: string;
}

export interface WrittenPackage {
  path: string;
  fileName: string;
  bytes: number;
  sha256: string;
  encrypted: boolean;
  /** The same file was already there (an earlier export): nothing was rewritten. */
  identical: boolean;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function destinationProblem(path: string): string | null {
  try {
    if (!statSync(dirname(path)).isDirectory()) return `O destino ${dirname(path)} não é uma pasta.`;
  } catch {
    return `A pasta ${dirname(path)} não existe: escolha outra pasta ou crie-a antes.`;
  }
  try {
    if (statSync(path).isDirectory()) return `${path} é uma pasta: informe o nome do arquivo.`;
  } catch {
    /* no file there yet: fine */
  }
  return null;
}

function existingSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/**
 * Writes the package of a sealed batch to `path`: the zip goes to a hidden partial name in the same
 * folder, is flushed to disk, then renamed; a kill at any moment leaves no partial file under the
 * final name. Entries sorted, every timestamp the sealing time (Brasília), fixed modes.
 */
export async function writeBatchPackage(batch: BatchRow, payload: PayloadFile[], path: string, options: WriteOptions): Promise<WrittenPackage> {
  const problem = destinationProblem(path);
  if (problem) throw new AppError('BATCH_DESTINATION_INVALID', problem);
  const sealedAt = batch.sealed_at;
  if (!sealedAt || !batch.app_version) throw new AppError('BATCH_STATE', `O lote ${batch.number} ainda não foi lacrado: lacre-o antes de exportar.`);
  await removeStalePartials(dirname(path), STALE_PARTIAL_MS);

  const sealed = brasilia(sealedAt);
  const encrypted = options.passphrase !== null && options.passphrase !== '';
  const total = payload.reduce((sum, f) => sum + (isDeflatedEntry(f.data) ? f.data.size : f.data.length), 0);
  const partial = partialPathFor(path);
  try {
    const written = await writeBagZip(partial, {
      root: options.stem,
      payload: payload.map((f) => ({ path: f.path, data: f.data })),
      info: [
        { label: 'Source-Organization', value: regionLabel(batch.region) },
        { label: 'External-Identifier', value: batch.uuid },
        { label: 'Batch-Sequence', value: batch.number },
        { label: 'Schema-Version', value: String(batchSchemaVersion(batch)) },
        { label: 'App-Version', value: batch.app_version },
      ],
      baggingDate: sealed.date,
      ...(options.sign ? { sign: options.sign } : {}),
      zip: {
        method: 'deflate',
        level: PACKAGE_DEFLATE_LEVEL,
        // The UTC fields of `wallClock` are Brasília's wall-clock time: unzip -l shows the sealing time.
        modifiedAt: sealed.wallClock,
        timeZone: 'utc',
        password: encrypted ? options.passphrase : null,
        ...(encrypted ? { saltSeed: encryptionSeed(batch, options.passphrase as string) } : {}),
        onProgress: (bytes) => options.onProgress?.(Math.min(bytes, total), total),
        signal: options.signal,
      },
    });
    const sha256 = await sha256File(partial);
    const result = { path, fileName: basename(path), bytes: written.bytes, sha256, encrypted };
    if (existingSize(path) !== null) {
      // Exports are reproducible: the same batch gives the same file, which can stay as it is.
      if (existingSize(path) === written.bytes && (await sha256File(path)) === sha256) {
        await rm(partial, { force: true });
        makePrivate(path); // as a new file would be: an older copy left readable by others is narrowed to its owner
        return { ...result, identical: true };
      }
      if (!options.replace) {
        // Said for a terminal too, where no other name can be chosen: what lies there and the ways out.
        throw new AppError('BATCH_DESTINATION_INVALID', `Já existe outro arquivo ${basename(path)} nessa pasta, que não é o pacote deste lote (alterado depois de exportado, exportado com ou sem senha, ou de outro lote): nada foi substituído. Para exportar aqui, apague-o ou mude-o de lugar; ou exporte para outra pasta.`);
      }
    }
    await syncFile(partial);
    await renameInPlace(partial, path);
    // The package is whole under its name: a folder that cannot be flushed (a network share) keeps
    // it all the same, and the answer must not then say that nothing was written.
    await syncFolder(dirname(path)).catch(() => {});
    return { ...result, identical: false };
  } catch (error) {
    await rm(partial, { force: true }).catch(() => {});
    // A folder that takes no file (read-only, not this user's) or a full disk, said as for every export.
    throw writeRefusal(error, path, 'BATCH_DESTINATION_INVALID');
  }
}

// ---------------------------------------------------------------- verification

interface Problem {
  code: string;
  message: string;
  path?: string;
}

const LINE_ERRORS_PER_FILE = 5;

/** Checks every JSON line (or the whole JSON file) of a payload file against its schema in `version`. */
async function checkSchema(zip: ZipReader, entry: string, version: SchemaVersion, problems: Problem[]): Promise<void> {
  const spec = payloadSchemas(version)[entry.slice(entry.indexOf('/') + 1)];
  if (!spec) return;
  const relative = entry.slice(entry.indexOf('/') + 1);
  let found = 0;
  const report = (line: number | null, message: string) => {
    if (found++ < LINE_ERRORS_PER_FILE) {
      problems.push({ code: 'SCHEMA_INVALID', path: relative, message: `${relative}${line === null ? '' : `, linha ${line}`}: ${message}` });
    }
  };
  const checkText = (text: string, line: number | null) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      report(line, 'não é JSON válido.');
      return;
    }
    const errors = spec.schema.validate(value);
    if (errors.length > 0) report(line, `${errors.slice(0, 3).map(describeSchemaError).join('; ')}.`);
  };
  if (!spec.lines) {
    checkText((await zip.read(entry)).toString('utf8'), null);
  } else {
    let rest = '';
    let line = 0;
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of zip.stream(entry)) {
      const text = rest + decoder.decode(chunk, { stream: true });
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) checkText(part, ++line);
    }
    rest += decoder.decode();
    if (rest !== '') report(line + 1, 'a última linha não termina com quebra de linha (arquivo cortado?).');
  }
  if (found > LINE_ERRORS_PER_FILE) {
    const more = found - LINE_ERRORS_PER_FILE;
    problems.push({ code: 'SCHEMA_INVALID', path: relative, message: `${relative}: mais ${more} ${more === 1 ? 'linha' : 'linhas'} fora do formato.` });
  }
}

/** The database a desk's backup carries in its bag (db/backups), which no lote package has. */
const BACKUP_DATABASE = 'cress-desk.sqlite';
export const BACKUP_NOT_LOTE: Problem = {
  code: 'NOT_A_LOTE_PACKAGE',
  message:
    'Este arquivo é um backup do CRESS Desk, não um pacote de lote para a Implanta: escolha o pacote do lote (o nome tem “lote” e termina em .zip). Backups são verificados na tela Backups, em “Verificar um arquivo…”.',
};

/**
 * Checks a package: the zip opens (with the passphrase, if encrypted), the bag is complete and
 * valid (manifests, checksums, nothing extra, no path leaving the bag, Payload-Oxum), bag-info has
 * every field of the format, the payload holds exactly the format's files, and every JSON line
 * passes its schema; and the desk's signature holds (`desk`: what this desk knows, see
 * packageSignature.ts). Never throws for a bad file: every reason is in `problems`.
 */
export async function verifyBatchPackage(
  path: string,
  passphrase: string | null,
  onProgress?: (bytes: number) => void,
  desk: PackageSigningContext | null = null,
): Promise<VerifyResult> {
  const problems: Problem[] = [];
  let signature: VerifyResult['signature'];
  let encrypted = false;
  let batch: VerifyResult['batch'] = null;
  let schemaVersion: SchemaVersion | null = null;
  let sha256 = '';
  try {
    // A folder, a device that never ends (/dev/zero) or a named pipe is refused before it is read.
    closeSync(openToRead(path).fd);
    sha256 = await sha256File(path);
  } catch (error) {
    // No file there is the user's mistake, not a package that fails its checks.
    const refusal = error instanceof AppError ? error : unreadableFile(path, error);
    if (refusal.code === 'FILE_NOT_FOUND') throw refusal;
    return { file: path, valid: false, problems: [{ code: 'FILE_UNREADABLE', message: refusal.message }], encrypted, batch, schemaVersion, sha256 };
  }
  try {
    const bag = await validateZipBag(path, { password: passphrase, requiredInfo: REQUIRED_BAG_INFO, ...(onProgress ? { onProgress } : {}) });
    encrypted = bag.encrypted;
    problems.push(...bag.problems);
    const id = bagInfoValue(bag.info, 'External-Identifier');
    const number = bagInfoValue(bag.info, 'Batch-Sequence');
    const organization = bagInfoValue(bag.info, 'Source-Organization');
    if (id && number) batch = { id, number, sourceOrganization: organization ?? '' };
    // Each version is checked with its own schemas; a version this desk does not know is not checked line by line.
    const declared = bagInfoValue(bag.info, 'Schema-Version');
    const version = declared !== undefined && /^\d+$/.test(declared) && isSchemaVersion(Number(declared)) ? (Number(declared) as SchemaVersion) : null;
    schemaVersion = version;
    if (declared !== undefined && version === null) {
      problems.push({
        code: 'SCHEMA_VERSION',
        message: `Schema-Version ${declared} não é conhecido por esta versão do CRESS Desk (conhece ${SCHEMA_VERSIONS.slice(0, -1).join(', ')} e ${SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]}).`,
      });
    }
    const present = new Set(bag.payload.map((f) => f.path.slice('data/'.length)));
    if (present.has(BACKUP_DATABASE)) {
      // A desk's backup given as a lote: said once, never as the lote format's files it lacks.
      return { file: path, valid: false, problems: [BACKUP_NOT_LOTE], encrypted, batch: null, schemaVersion: null, sha256 };
    }
    for (const file of PAYLOAD_FILES) {
      if (!present.has(file)) problems.push({ code: 'BATCH_FILE_MISSING', path: `data/${file}`, message: `Falta o arquivo data/${file} do formato de lote.` });
    }
    for (const file of present) {
      if (!(PAYLOAD_FILES as readonly string[]).includes(file)) {
        problems.push({ code: 'BATCH_FILE_UNEXPECTED', path: `data/${file}`, message: `O arquivo data/${file} não faz parte do formato de lote.` });
      }
    }
    if (bag.root !== null) {
      // A file the bag check already found damaged or altered is not read again.
      const damaged = new Set(problems.map((p) => p.path));
      const zip = await ZipReader.open(path, { password: passphrase });
      try {
        for (const file of PAYLOAD_FILES) {
          const entry = `${bag.root}/data/${file}`;
          if (version !== null && zip.has(entry) && !damaged.has(`data/${file}`)) await checkSchema(zip, entry, version, problems);
        }
        if (zip.has(`${bag.root}/data/summary.json`) && !damaged.has('data/summary.json') && id) {
          let summaryId: unknown = id;
          try {
            summaryId = (JSON.parse((await zip.read(`${bag.root}/data/summary.json`)).toString('utf8')) as { batch?: { id?: unknown } }).batch?.id;
          } catch {
            /* already reported by the schema check */
          }
          if (summaryId !== id) {
            problems.push({ code: 'BATCH_ID_MISMATCH', path: 'data/summary.json', message: 'data/summary.json não é do mesmo lote que bag-info.txt (External-Identifier diferente).' });
          }
        }
        const tag = async (name: string) => (zip.has(`${bag.root}/${name}`) ? (await zip.read(`${bag.root}/${name}`)).toString('utf8').replace(/^\uFEFF/, '') : null);
        const bagInfo = await tag('bag-info.txt');
        const manifest = await tag('manifest-sha256.txt');
        if (bagInfo !== null && manifest !== null) {
          const checked = checkPackageSignature(await tag(SIGNATURE_FILE), { bagInfo, manifest }, id ?? null, desk);
          signature = checked.signature;
          if (checked.problem) problems.push({ code: 'SIGNATURE_INVALID', path: SIGNATURE_FILE, message: checked.problem });
        }
      } finally {
        await zip.close();
      }
    }
  } catch (error) {
    if (error instanceof ZipError) problems.push({ code: error.code, message: error.message });
    else throw error;
  }
  // A damaged tag file is read by more than one check: each sentence is told once (the first, with its path).
  const told = problems.filter((p, at) => problems.findIndex((q) => q.message === p.message) === at);
  return { file: path, valid: told.length === 0, problems: told, encrypted, batch, schemaVersion, sha256, ...(signature ? { signature } : {}) };
}
