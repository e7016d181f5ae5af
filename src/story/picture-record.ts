// What the room's log keeps of a storyboard frame (/scene picture): which beat and scene it shows, the prompt
// it was drawn from, the model, and the file's name, type, size and SHA-256. The bytes are kept beside the log.
import { z } from 'zod';

export const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type PictureType = (typeof PICTURE_TYPES)[number];

export const pictureSchema = z.object({
  /** "p12": unique in the room. */
  id: z.string(),
  beatId: z.string(),
  sceneId: z.string(),
  /** The file name it was posted under, e.g. "the-heist-p12.png". */
  name: z.string(),
  mime: z.enum(PICTURE_TYPES),
  /** Bytes. */
  size: z.number().int().nonnegative(),
  /** Hex SHA-256 of the bytes. */
  sha256: z.string(),
  model: z.string(),
  /** The prompt sent to the images endpoint, as it was sent. */
  prompt: z.string(),
});

export type PictureRecord = z.output<typeof pictureSchema>;
