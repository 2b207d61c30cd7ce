/**
 * Photos people attach to stories: JPEG or PNG only (judged by their bytes, not their
 * name), at most 3 MB, and stripped of metadata before they are kept, because a phone
 * photo's EXIF can carry where it was taken, when, and on whose phone.
 */

export const MAX_PHOTO_BYTES = 3 * 1024 * 1024;

export type PhotoType = 'image/jpeg' | 'image/png';
export type PhotoProblem =
  'outcomes.validation.photo.type' | 'outcomes.validation.photo.size' | 'outcomes.validation.photo.broken';

export function photoType(bytes: Uint8Array): PhotoType | undefined {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return undefined;
}

/** A photo ready to keep, or why it cannot be. */
export function cleanPhoto(
  bytes: Buffer,
): { ok: true; type: PhotoType; bytes: Buffer } | { ok: false; problem: PhotoProblem } {
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, problem: 'outcomes.validation.photo.size' };
  const type = photoType(bytes);
  if (!type) return { ok: false, problem: 'outcomes.validation.photo.type' };
  const cleaned = type === 'image/jpeg' ? stripJpeg(bytes) : stripPng(bytes);
  return cleaned ? { ok: true, type, bytes: cleaned } : { ok: false, problem: 'outcomes.validation.photo.broken' };
}

/**
 * Copies a JPEG without its APP1–APP15 segments (EXIF, XMP, IPTC, maker notes) and
 * comments; APP0 (JFIF) and the image itself stay. Undefined if the file is malformed.
 */
export function stripJpeg(input: Buffer): Buffer | undefined {
  const out: Buffer[] = [input.subarray(0, 2)];
  let i = 2;
  while (i + 4 <= input.length) {
    if (input[i] !== 0xff) return undefined;
    const marker = input[i + 1]!;
    if (marker === 0xd9) {
      out.push(input.subarray(i, i + 2));
      return Buffer.concat(out);
    }
    const length = input.readUInt16BE(i + 2);
    if (length < 2 || i + 2 + length > input.length) return undefined;
    const drop = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!drop) out.push(input.subarray(i, i + 2 + length));
    if (marker === 0xda) {
      // Start of scan: the compressed image runs to the end; keep it as it is.
      out.push(input.subarray(i + 2 + length));
      return Buffer.concat(out);
    }
    i += 2 + length;
  }
  return undefined;
}

const PNG_TEXT_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** Copies a PNG without its text, EXIF and time chunks. Undefined if the file is malformed. */
export function stripPng(input: Buffer): Buffer | undefined {
  const out: Buffer[] = [input.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= input.length) {
    const length = input.readUInt32BE(i);
    const type = input.subarray(i + 4, i + 8).toString('latin1');
    const end = i + 12 + length;
    if (end > input.length) return undefined;
    if (!PNG_TEXT_CHUNKS.has(type)) out.push(input.subarray(i, end));
    if (type === 'IEND') return Buffer.concat(out);
    i = end;
  }
  return undefined;
}
