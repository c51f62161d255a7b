// An attachment is one image or one document, whole. A file whose first bytes are an image's but
// which goes on with a zip (a program inside), or hides an archive in the image, is two files in
// one: a zip reader opens the other. It is refused, naming the file, and nothing is stored; a real
// image — with its own text chunk, a thumbnail segment or padding — is still accepted.
import { describe, expect, it } from 'vitest';
import { checkAttachment } from '../../db/contacts/attachmentFile';
import { AppError } from '../../shared/errors';
import { buildZip } from '../fixtures/imports/zipWriter';
import { smallPng, SMALL_JPEG } from '../fixtures/images';

const PROGRAM_ZIP = buildZip([{ name: 'leiame.exe', data: 'MZ programa' }]);

function refusal(bytes: Uint8Array, name: string): AppError {
  try {
    checkAttachment(bytes, name);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`${name} was accepted`);
}

describe('an attachment that is more than one file', () => {
  it('accepts a whole PNG or JPEG, with a text chunk, or zero padding after the end', () => {
    expect(checkAttachment(smallPng(), 'print.png')).toBe('image/png');
    expect(checkAttachment(smallPng(20_000), 'print.png')).toBe('image/png');
    expect(checkAttachment(SMALL_JPEG, 'foto.jpg')).toBe('image/jpeg');
    expect(checkAttachment(Buffer.concat([SMALL_JPEG, Buffer.alloc(16)]), 'foto.jpg')).toBe('image/jpeg');
  });

  it('accepts a phone’s or camera’s JPEG with its further pictures after the first (an HDR gain map, a stereo pair), and refuses one with a zip after them', () => {
    const withGainMap = Buffer.concat([SMALL_JPEG, SMALL_JPEG]);
    expect(checkAttachment(withGainMap, 'foto-do-celular.jpg')).toBe('image/jpeg');
    expect(checkAttachment(Buffer.concat([SMALL_JPEG, SMALL_JPEG, SMALL_JPEG]), 'par-estereo.jpg')).toBe('image/jpeg');
    expect(refusal(Buffer.concat([withGainMap, PROGRAM_ZIP]), 'foto-do-celular.jpg').message).toContain('traz outro conteúdo além da imagem');
    expect(refusal(Buffer.concat([withGainMap, Buffer.from('ftypmp42 vídeo da foto com movimento')]), 'foto-do-celular.jpg').message).toContain('traz outro conteúdo além da imagem');
  });

  it('refuses a PNG or a JPEG with a zip after the image, naming the file', () => {
    for (const [bytes, name] of [
      [Buffer.concat([smallPng(), PROGRAM_ZIP]), 'tela.png'],
      [Buffer.concat([SMALL_JPEG, PROGRAM_ZIP]), 'foto.jpg'],
    ] as const) {
      const error = refusal(bytes, name);
      expect(error.code).toBe('ATTACHMENT_TYPE');
      expect(error.message).toContain(`O arquivo "${name}" traz outro conteúdo além da imagem`);
    }
  });

  it('refuses an image signature put in front of a zip, as the bytes of neither a PNG nor a JPEG', () => {
    const png = refusal(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), PROGRAM_ZIP]), 'fake.png');
    const jpeg = refusal(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20), PROGRAM_ZIP]), 'fake.jpg');
    expect(png.message).toContain('não é uma imagem PNG completa');
    expect(jpeg.message).toContain('não é uma imagem JPEG completa');
  });

  it('refuses a zip hidden inside the image, whose directory a zip reader finds from the end', () => {
    // The zip in a text chunk, its comment reaching over the rest of the PNG (the chunk's CRC and IEND).
    const zip = Buffer.from(PROGRAM_ZIP);
    zip.writeUInt16LE(4 + 12, zip.length - 2);
    const hidden = smallPng();
    const iend = hidden.length - 12;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(zip.length + 8);
    const inChunk = Buffer.concat([hidden.subarray(0, iend), length, Buffer.from('tEXtComment\0', 'latin1'), zip, Buffer.alloc(4), hidden.subarray(iend)]);
    expect(refusal(inChunk, 'tela.png').message).toContain('traz outro conteúdo além da imagem');
  });

  it('refuses a PDF with a zip after its end', () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
    expect(checkAttachment(pdf, 'documento.pdf')).toBe('application/pdf');
    expect(refusal(Buffer.concat([pdf, PROGRAM_ZIP]), 'documento.pdf').message).toContain('traz outro conteúdo além da imagem ou do documento');
  });
});
