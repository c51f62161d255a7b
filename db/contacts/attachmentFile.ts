// An attachment as it arrives: read once into memory from the file the clerk chose, then accepted
// only when its bytes are a PNG, a JPEG or a PDF (never by its name: a renamed program is refused),
// one whole image with nothing after it and no archive inside (imageEnd.ts: a renamed program with
// an image's first bytes in front is refused too), a PDF without active content
// (pdfActiveContent.ts), and 10 MB or less.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { ATTACHMENT_MAX_BYTES, type AttachmentType } from '../../shared/contract/contacts';
import { formatFileSize } from '../../shared/display/numbers';
import { AppError } from '../../shared/errors';
import { withoutControls } from '../../shared/text';
import { notRegular, READ_WITHOUT_WAITING, unreadableMessage } from '../fileRefusals';
import { holdsArchive, jpegWithPicturesEnd, onlyPaddingAfter, pngEnd } from './imageEnd';
import { pdfHasActiveContent } from './pdfActiveContent';

const SIGNATURES: readonly { type: AttachmentType; magic: readonly number[] }[] = [
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** The type the bytes are, or null when they are none of the accepted ones. */
export function detectAttachmentType(bytes: Uint8Array): AttachmentType | null {
  for (const { type, magic } of SIGNATURES) {
    if (bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

/** The name to show: the last part of what the dialog or the path said, without control characters. */
export function attachmentName(name: string | undefined, path: string): string {
  const raw = basename((name ?? '').trim() || path).split(/[\\/]/).at(-1) ?? '';
  // Control characters never belong in a file name shown to the clerk and forwarded to Implanta.
  const clean = withoutControls(raw).trim().slice(0, 255);
  return clean === '' ? 'anexo' : clean;
}

export function notAcceptedType(name: string): AppError {
  return new AppError('ATTACHMENT_TYPE', `O arquivo "${name}" não é uma imagem PNG/JPEG nem um PDF: anexe um print da tela (PNG ou JPEG) ou um documento em PDF.`, {
    field: 'path',
  });
}

export function tooLarge(name: string, size: number): AppError {
  const limit = formatFileSize(ATTACHMENT_MAX_BYTES);
  // Just over the limit rounds to the limit itself: "tem mais de 10 MB" then.
  const shown = formatFileSize(size) === limit ? `mais de ${limit}` : formatFileSize(size);
  return new AppError(
    'ATTACHMENT_TOO_LARGE',
    `O arquivo "${name}" tem ${shown}: o limite é de ${limit} por anexo. Reduza a imagem ou divida o PDF.`,
    { field: 'path', details: { size, limit: ATTACHMENT_MAX_BYTES } },
  );
}

export function activePdf(name: string): AppError {
  return new AppError(
    'ATTACHMENT_TYPE',
    `O PDF "${name}" traz conteúdo ativo (JavaScript, ações automáticas, programas ou arquivos embutidos), ou partes compactadas grandes demais para conferir, e não é anexado nem encaminhado à Implanta. Salve o documento de novo com "Imprimir como PDF", ou anexe um print da tela.`,
    { field: 'path' },
  );
}

function incompleteImage(name: string, type: AttachmentType): AppError {
  return new AppError(
    'ATTACHMENT_TYPE',
    `O arquivo "${name}" não é uma imagem ${type === 'image/png' ? 'PNG' : 'JPEG'} completa (pode ter sido copiado pela metade ou estar danificado): tire um novo print da tela, ou salve a imagem de novo, e anexe-a.`,
    { field: 'path' },
  );
}

function moreThanOneFile(name: string): AppError {
  return new AppError(
    'ATTACHMENT_TYPE',
    `O arquivo "${name}" traz outro conteúdo além da imagem ou do documento (um arquivo compactado, um programa ou um vídeo, dentro dele ou depois do fim), e não é anexado nem encaminhado à Implanta. Tire um novo print da tela, ou salve o documento de novo com "Imprimir como PDF", e anexe-o.`,
    { field: 'path' },
  );
}

/** Where the image ends, by its own structure (imageEnd.ts); a PDF is read by pdfActiveContent.ts instead. */
const IMAGE_END: Partial<Record<AttachmentType, (bytes: Uint8Array) => number | null>> = { 'image/png': pngEnd, 'image/jpeg': jpegWithPicturesEnd };

/** Checks bytes already in memory: the accepted type, or the refusal naming the file. */
export function checkAttachment(bytes: Uint8Array, name: string): AttachmentType {
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw tooLarge(name, bytes.length);
  const type = detectAttachmentType(bytes);
  if (type === null) throw notAcceptedType(name);
  const imageEnd = IMAGE_END[type]?.(bytes);
  if (imageEnd === null) throw incompleteImage(name, type);
  if ((imageEnd !== undefined && !onlyPaddingAfter(bytes, imageEnd)) || holdsArchive(bytes)) throw moreThanOneFile(name);
  if (type === 'application/pdf' && pdfHasActiveContent(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) throw activePdf(name);
  return type;
}

export interface ReadAttachment {
  name: string;
  type: AttachmentType;
  bytes: Buffer;
}

/**
 * Reads the file once: its size first (a file over the limit is refused without reading it), then
 * its bytes, which are what gets checked and stored.
 */
export function readAttachment(path: string, name: string): ReadAttachment {
  let fd: number;
  try {
    // A named pipe nobody writes to opens at once, and is refused below, instead of holding the desk.
    fd = openSync(path, READ_WITHOUT_WAITING);
  } catch (error) {
    throw new AppError('INPUT_INVALID', unreadableMessage(name, (error as NodeJS.ErrnoException).code ?? ''), { field: 'path' });
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new AppError('INPUT_INVALID', unreadableMessage(name, 'EISDIR'), { field: 'path' });
    // A named pipe or a device holds no saved file: said as what it is, not as an unknown type.
    if (!stats.isFile()) throw new AppError('INPUT_INVALID', unreadableMessage(name, notRegular(stats).code), { field: 'path' });
    if (stats.size > ATTACHMENT_MAX_BYTES) throw tooLarge(name, stats.size);
    // One byte more than the limit: a file that grew since its size was read is still caught.
    const buffer = Buffer.alloc(Math.min(stats.size, ATTACHMENT_MAX_BYTES) + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    const bytes = buffer.subarray(0, length);
    if (bytes.length > ATTACHMENT_MAX_BYTES) throw tooLarge(name, bytes.length);
    return { name, type: checkAttachment(bytes, name), bytes: Buffer.from(bytes) };
  } finally {
    closeSync(fd);
  }
}
