// Writing a BagIt bag into a zip in one pass (the API and the format are described at the top of
// bagit.ts, which reads and validates bags).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { BAGIT_TXT, byteOrder, encodeManifestPath, SIGNATURE_FILE, type BagInfoField, type BagZipSummary, type WriteBagOptions } from './bagit';
import { unsafePathReason, ZipWriter } from '../zip';
import { isDeflatedEntry } from '../zip/entryDeflater';

/** `YYYY-MM-DD` of a date's local fields. */
export function isoDateLocal(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** bag-info.txt from fields; a value's line breaks become spaces (one line per field). */
export function formatBagInfo(fields: readonly BagInfoField[]): string {
  return fields
    .map(({ label, value }) => {
      if (!/^[^:\s][^:\r\n]*$/.test(label)) throw new Error(`invalid bag-info label "${label}"`);
      return `${label}: ${value.replace(/\s*[\r\n]+\s*/g, ' ').trim()}\n`;
    })
    .join('');
}

export function formatManifest(lines: readonly { path: string; sha256: string }[]): string {
  return lines.map((l) => `${l.sha256}  ${encodeManifestPath(l.path)}\n`).join('');
}

function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Writes the bag as a zip (see the top of this file). Removes the file when anything fails. */
export async function writeBagZip(path: string, options: WriteBagOptions): Promise<BagZipSummary> {
  const rootReason = unsafePathReason(options.root);
  if (rootReason !== null || options.root.includes('/')) throw new Error(`invalid bag root "${options.root}"`);
  const payload = [...options.payload].sort((a, b) => byteOrder(a.path, b.path));
  const sizes: number[] = [];
  for (const file of payload) {
    const reason = unsafePathReason(file.path);
    if (reason !== null || /[%\r\n]/.test(file.path)) throw new Error(`invalid payload path "${file.path}"`);
    const { data } = file;
    sizes.push(typeof data === 'string' ? Buffer.byteLength(data) : data instanceof Uint8Array ? data.length : isDeflatedEntry(data) ? data.size : (await stat(data.path)).size);
  }
  const oxum = `${sizes.reduce((a, b) => a + b, 0)}.${payload.length}`;
  const bagInfo = formatBagInfo([
    ...options.info,
    { label: 'Bagging-Date', value: options.baggingDate ?? isoDateLocal(options.zip?.modifiedAt ?? new Date()) },
    { label: 'Payload-Oxum', value: oxum },
  ]);

  const writer = await ZipWriter.create(path, options.zip);
  try {
    const at = (name: string) => `${options.root}/${name}`;
    const tagLines: { path: string; sha256: string }[] = [];
    const tag = async (name: string, text: string) => {
      await writer.add({ name: at(name), data: text });
      tagLines.push({ path: name, sha256: sha256Hex(text) });
    };
    // Sorted order: bag-info.txt < bagit.txt < data/… < manifest-sha256.txt < signature.txt < tagmanifest-sha256.txt.
    await tag('bag-info.txt', bagInfo);
    await tag('bagit.txt', BAGIT_TXT);
    const written: BagZipSummary['payload'] = [];
    for (const file of payload) {
      const result = await writer.add({ name: at(`data/${file.path}`), data: file.data, sha256: true });
      written.push({ path: `data/${file.path}`, size: result.size, sha256: result.sha256 as string });
    }
    const writtenOxum = `${written.reduce((a, f) => a + f.size, 0)}.${written.length}`;
    if (writtenOxum !== oxum) throw new Error(`payload changed while it was being packaged (${oxum} → ${writtenOxum})`);
    const manifest = formatManifest(written);
    await tag('manifest-sha256.txt', manifest);
    const signature = options.sign?.({ bagInfo, manifest }) ?? null;
    if (signature !== null) await tag(SIGNATURE_FILE, signature);
    const tagManifest = formatManifest(tagLines.sort((a, b) => byteOrder(a.path, b.path)));
    await writer.add({ name: at('tagmanifest-sha256.txt'), data: tagManifest });
    const summary = await writer.finish();
    return { path, bytes: summary.bytes, oxum, payload: written };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
