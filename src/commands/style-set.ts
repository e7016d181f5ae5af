// /style set: a moderator sets the room's style, a sample passage (typed, or a text file: an attachment on
// Discord, a path in the terminal) and/or short notes. What is not given is kept.
import { z } from 'zod';
import type { MessageKey } from '../i18n/keys.ts';
import { msg } from '../i18n/message.ts';
import { UserError } from '../story/errors.ts';
import { STYLE_NOTES_MAX, STYLE_SAMPLE_MAX } from '../story/style.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { fileSize } from './file-size.ts';
import { fileOption, type IncomingFile, type IncomingRead } from './incoming-file.ts';
import { textOption } from './option-schemas.ts';
import { styleFields } from './style-fields.ts';

/** A sample file is read up to this: 2,000 characters of any script in UTF-8, line ends and a BOM, with room. */
export const STYLE_FILE_MAX_BYTES = 16 * 1024;

const READ_FAILURES: Record<Extract<IncomingRead, { ok: false }>['reason'], MessageKey> = {
  missing: 'style.file.missing',
  'too-large': 'style.file.too-large',
  unreadable: 'style.file.unreadable',
};

/** The file's text: UTF-8 (a BOM is dropped), with no NUL, or a refusal that says why. */
async function readSample(file: IncomingFile): Promise<string> {
  const { name } = file;
  const read = await file.read(STYLE_FILE_MAX_BYTES);
  if (!read.ok) {
    throw new UserError(
      `style.file.${read.reason}`,
      msg(READ_FAILURES[read.reason], { name, limit: fileSize(STYLE_FILE_MAX_BYTES), max: STYLE_SAMPLE_MAX }),
    );
  }
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(read.bytes);
  } catch {
    throw new UserError('style.file.not-text', msg('style.file.not-text', { name }));
  }
  if (content.includes('\u0000'))
    throw new UserError('style.file.not-text', msg('style.file.not-text', { name }));
  return content;
}

export default defineCommand({
  name: 'style set',
  description: "Moderators: set the room's style: a sample passage and/or short notes",
  descriptionLocalizations: { 'zh-CN': '版主：设置房间的文风（范文和/或说明）' },
  options: z.object({
    sample: textOption(
      `A passage to write like (up to ${STYLE_SAMPLE_MAX} characters); or attach it as a text file`,
      STYLE_SAMPLE_MAX,
    ).optional(),
    notes: textOption(
      'Short notes, e.g. "short sentences, no adverbs, dry humour"',
      STYLE_NOTES_MAX,
    ).optional(),
    file: fileOption('The sample as a text file (.txt), instead of pasting it').optional(),
  }),
  access: 'moderator',
  slow: true,
  async execute(ctx, options) {
    if (options.file && options.sample !== undefined) {
      throw new UserError('style.file.and-sample', msg('style.file.and-sample'));
    }
    const sample = options.file ? await readSample(options.file) : options.sample;
    const style = await ctx.engine.setStyle(ctx.room, ctx.actor, { sample, notes: options.notes });
    return publicReply(text(msg('style.set.done', { name: ctx.actor.name })), styleFields(style));
  },
});
