// A file someone hands a command (a Discord attachment, a path in the terminal), read by the adapter that
// knows where it is: the command only says how much it will take and what to do with the bytes.
import { z } from 'zod';

export type IncomingRead =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'missing' | 'too-large' | 'unreadable' };

export interface IncomingFile {
  /** The file's name as given (a path in the terminal): people's text, shown as it is. */
  name: string;
  /** Reads the whole file, refusing ("too-large") anything over maxBytes without reading it all. */
  read(maxBytes: number): Promise<IncomingRead>;
}

export const isIncomingFile = (value: unknown): value is IncomingFile =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as IncomingFile).name === 'string' &&
  typeof (value as IncomingFile).read === 'function';

/** A file option: an attachment on Discord, a path in the terminal; adapters turn either into an IncomingFile. */
export const fileOption = (description: string) =>
  z
    .custom<IncomingFile>(isIncomingFile, { error: 'Attach the file (in the terminal, give its path).' })
    .meta({ description, input: 'file' });
