// The bytes of storyboard frames, kept in the store beside the room's log (an attachment per picture, named
// by its SHA-256) rather than in it: the log is read whole for every export and by every process that loads
// the room, and a frame is a megabyte or two. A room keeps the latest PICTURES_KEPT frames' bytes; older
// frames stay in the log (prompt, size, hash) without them.
import { z } from 'zod';
import type { EventStore } from './event-store.ts';
import { PICTURE_TYPES, type PictureRecord, type PictureType } from './picture-record.ts';

export const PICTURES_KEPT = 30;

export interface PictureFile {
  mime: PictureType;
  /** The bytes, base64 (as stored, and as a data: URI takes them). */
  base64: string;
}

const fileSchema = z.object({
  mime: z.enum(PICTURE_TYPES),
  base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
});

const keyOf = (sha256: string) => `picture-${sha256.slice(0, 40)}`;

export function writePictureFile(
  store: EventStore,
  roomId: string,
  sha256: string,
  file: PictureFile,
): Promise<void> {
  return store.writeAttachment(roomId, keyOf(sha256), file);
}

/** The stored bytes of a frame; undefined when they are no longer kept (or not in the expected shape). */
export async function readPictureFile(
  store: EventStore,
  roomId: string,
  sha256: string,
): Promise<PictureFile | undefined> {
  const parsed = fileSchema.safeParse(await store.readAttachment(roomId, keyOf(sha256)));
  return parsed.success ? parsed.data : undefined;
}

/** Forgets the bytes of frames beyond the latest PICTURES_KEPT, unless a kept frame has the same bytes. */
export async function forgetOldPictures(
  store: EventStore,
  roomId: string,
  pictures: readonly PictureRecord[],
): Promise<void> {
  if (pictures.length <= PICTURES_KEPT) return;
  const kept = new Set(pictures.slice(-PICTURES_KEPT).map((picture) => picture.sha256));
  // The newest few that fell out of the kept set, not only the last: a removal that failed once is tried
  // again at the next pictures (removing what is already gone changes nothing).
  const dropped = pictures.slice(-PICTURES_KEPT - FORGET_RETRIES, -PICTURES_KEPT);
  for (const sha256 of new Set(dropped.map((picture) => picture.sha256))) {
    if (!kept.has(sha256)) await store.writeAttachment(roomId, keyOf(sha256), null);
  }
}

/** How many frames past the kept ones each new picture makes sure are gone. */
const FORGET_RETRIES = 5;

/**
 * Takes back the bytes written for a picture whose event was not stored, unless an earlier frame has the same
 * bytes (they share the key).
 */
export async function forgetUnrecordedPicture(
  store: EventStore,
  roomId: string,
  sha256: string,
  pictures: readonly PictureRecord[],
): Promise<void> {
  if (pictures.some((picture) => picture.sha256 === sha256)) return;
  await store.writeAttachment(roomId, keyOf(sha256), null);
}

/** The bytes of every frame in the list still kept, by picture id (for the HTML transcript). */
export async function readPictureFiles(
  store: EventStore,
  roomId: string,
  pictures: readonly PictureRecord[],
): Promise<Record<string, PictureFile>> {
  const files: Record<string, PictureFile> = {};
  for (const picture of pictures.slice(-PICTURES_KEPT)) {
    const file = await readPictureFile(store, roomId, picture.sha256);
    if (file) files[picture.id] = file;
  }
  return files;
}
