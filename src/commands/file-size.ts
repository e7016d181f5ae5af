// A file's size as readers expect it: bytes below a kilobyte, then KB and MB with one decimal.
import { type Message, msg } from '../i18n/message.ts';

export function fileSize(bytes: number): Message {
  if (bytes < 1024) return msg('exports.size.bytes', { value: bytes });
  if (bytes < 1024 * 1024) return msg('exports.size.kb', { value: Math.round((bytes / 1024) * 10) / 10 });
  return msg('exports.size.mb', { value: Math.round((bytes / 1024 / 1024) * 10) / 10 });
}
