// What an images server sends is hostile too: any bytes, any "base64". Only whole PNG, JPEG or WebP files
// within the limit pass, quickly, and decoding never accepts what is not base64.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, pictureType } from '../../src/llm/picture-bytes.ts';
import { PICTURE_MAX_BYTES } from '../../src/story/illustrator.ts';
import { tinyPng } from '../helpers/fake-images-server.ts';
import { hostileText, withinBound } from '../helpers/hostile-text.ts';

const RUNS = 500;

describe('pictureType', () => {
  it('knows a real PNG, a JPEG and a WebP by their magic numbers and ends', () => {
    expect(pictureType(tinyPng(4, 4))).toBe('image/png');
    expect(pictureType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]))).toBe('image/jpeg');
    const webp = new Uint8Array(20);
    webp.set([...'RIFF'].map((c) => c.charCodeAt(0)));
    new DataView(webp.buffer).setUint32(4, 12, true);
    webp.set(
      [...'WEBPVP8 '].map((c) => c.charCodeAt(0)),
      8,
    );
    expect(pictureType(webp)).toBe('image/webp');
  });

  it('refuses a truncated PNG, a PNG with bytes after its end, and one over the limit', () => {
    const png = tinyPng();
    expect(pictureType(png.slice(0, png.length - 1))).toBeUndefined();
    expect(pictureType(new Uint8Array([...png, 0]))).toBeUndefined();
    const huge = new Uint8Array(PICTURE_MAX_BYTES + 1);
    huge.set(png.slice(0, 8));
    huge.set(png.slice(-12), huge.length - 12);
    expect(pictureType(huge)).toBeUndefined();
  });

  it('accepts random bytes only when they start and end like a picture (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const type = withinBound(() => pictureType(bytes));
        if (type === 'image/png') expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
        if (type === 'image/jpeg') expect([bytes[0], bytes.at(-1)]).toEqual([0xff, 0xd9]);
        if (type === 'image/webp') expect(String.fromCharCode(...bytes.slice(8, 12))).toBe('WEBP');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('decodeBase64', () => {
  it('gives back exactly the bytes that were encoded, whitespace or not (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.boolean(), (bytes, wrapped) => {
        let text = Buffer.from(bytes).toString('base64');
        if (wrapped) text = text.replace(/.{76}/g, '$&\n');
        expect(decodeBase64(text)).toEqual(new Uint8Array(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses hostile text that is not base64, in bounded time (property)', () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 5000 }), (text) => {
        const decoded = withinBound(() => decodeBase64(text));
        if (decoded !== undefined) expect(text.replace(/\s+/g, '')).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      }),
      { numRuns: RUNS },
    );
  });
});
