// What an images endpoint sent, checked before anyone sees it: base64 that really is base64, within the size
// limit, and bytes that are a whole PNG, JPEG or WebP file by their magic numbers (and ends, where the format
// has one). Anything else is refused, so a server's error page or a truncated file is never posted or stored.
import { PICTURE_MAX_BYTES } from '../story/illustrator.ts';
import type { PictureType } from '../story/picture-record.ts';

const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// The IEND chunk: length 0, "IEND", its CRC.
const PNG_END = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The picture's type when the bytes are a whole PNG, JPEG or WebP file; undefined otherwise. */
export function pictureType(bytes: Uint8Array): PictureType | undefined {
  if (bytes.length === 0 || bytes.length > PICTURE_MAX_BYTES) return undefined;
  if (startsWith(bytes, PNG_START) && startsWith(bytes, PNG_END, bytes.length - PNG_END.length))
    return 'image/png';
  // JPEG: SOI marker first, EOI marker last (some encoders pad after it; those are refused as truncated-looking).
  if (startsWith(bytes, [0xff, 0xd8, 0xff]) && startsWith(bytes, [0xff, 0xd9], bytes.length - 2))
    return 'image/jpeg';
  // WebP: a RIFF container whose declared size is the file's.
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) {
    const declared = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
    if (declared + 8 === bytes.length) return 'image/webp';
  }
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 (whitespace allowed, as some servers wrap it) to bytes; undefined when it is not base64 or too big. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length > Math.ceil((PICTURE_MAX_BYTES * 4) / 3) + 1024) return undefined;
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
