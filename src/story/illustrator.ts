// The illustrator interface: what the engine asks of an images endpoint for a storyboard frame (/scene
// picture). src/llm/ implements it over an OpenAI-compatible /v1/images/generations; without IMAGE_MODEL
// there is none and the engine says pictures need one.
import type { PictureType } from './picture-record.ts';

export interface Picture {
  /** Checked by the implementation: a whole PNG, JPEG or WebP file, within PICTURE_MAX_BYTES. */
  bytes: Uint8Array;
  mime: PictureType;
  /** The model that drew it. */
  model: string;
}

/** The largest picture taken (and kept): under Discord's 10 MiB upload limit for a bot. */
export const PICTURE_MAX_BYTES = 8 * 1024 * 1024;

export interface Illustrator {
  /**
   * One picture for the prompt. Retries and timeouts are the implementation's; it resolves only with a
   * checked picture and otherwise rejects with a UserError saying what went wrong.
   */
  draw(prompt: string, options?: { signal?: AbortSignal | undefined }): Promise<Picture>;
}
