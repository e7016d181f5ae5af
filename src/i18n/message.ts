// What commands and the engine say, as data: a catalog key and its values. The text is chosen for its reader
// (their language, the room's) at the edge, by the adapter, never assembled in code.
import type { MessageKey } from './keys.ts';

/** A value in a message: people's text and numbers as they are, dates formatted, or another message. */
export type MessageValue = string | number | Date | Message | readonly (string | Message)[];

export interface Message {
  readonly key: MessageKey;
  readonly values?: Readonly<Record<string, MessageValue>> | undefined;
}

export function msg(key: MessageKey, values?: Readonly<Record<string, MessageValue>>): Message {
  return values === undefined ? { key } : { key, values };
}

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && 'key' in value && typeof value.key === 'string';
