// The catalog's keys, typed from the English messages: a key that no English file has is a compile error.
import type common from './messages/en/common.json';

export type MessageKey = keyof typeof common;
