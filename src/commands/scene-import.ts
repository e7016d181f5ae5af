// /scene import: recreates a room from a JSON export (/export format:json) in a channel without a story.
// The file comes from the adapter (a Discord attachment, a path in the terminal), read up to a cap.
import { z } from 'zod';
import type { MessageKey } from '../i18n/keys.ts';
import { msg } from '../i18n/message.ts';
import { type ImportRefusal, parseRoomExport } from '../screenplay/json-export.ts';
import { isUserError, UserError } from '../story/errors.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { fileSize } from './file-size.ts';
import { fileOption, type IncomingRead } from './incoming-file.ts';

/** Largest file an import reads: a 5,000-beat room's JSON export is a few MB. */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

const READ_FAILURES: Record<Extract<IncomingRead, { ok: false }>['reason'], MessageKey> = {
  missing: 'exports.import.missing',
  'too-large': 'exports.import.too-large',
  unreadable: 'exports.import.unreadable',
};

const REFUSALS: Record<ImportRefusal['code'], MessageKey> = {
  'not-json': 'exports.import.not-json',
  'not-an-export': 'exports.import.not-an-export',
  'too-new': 'exports.import.too-new',
  'bad-event': 'exports.import.bad-event',
  'not-a-story': 'exports.import.not-a-story',
};

const exists = () => new UserError('import.exists', msg('exports.import.exists'));

export default defineCommand({
  name: 'scene import',
  description: 'Moderators: recreate a room from a JSON export, in a channel without a story',
  descriptionLocalizations: { 'zh-CN': '版主：从 JSON 导出文件还原房间（仅限还没有故事的频道）' },
  options: z.object({
    file: fileOption('A JSON export of a room (/export format:json)'),
  }),
  access: 'moderator',
  async execute(ctx, options) {
    if (ctx.actor.role !== 'moderator') {
      throw new UserError('role.moderator', msg('exports.import.moderators-only'));
    }
    const before = await ctx.engine.room(ctx.room);
    if (before.story || before.seq > 0) throw exists();
    const name = options.file.name;
    const read = await options.file.read(IMPORT_MAX_BYTES);
    if (!read.ok) {
      throw new UserError(
        `import.${read.reason}`,
        msg(READ_FAILURES[read.reason], { name, limit: fileSize(IMPORT_MAX_BYTES) }),
      );
    }
    let content: string;
    try {
      content = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    } catch {
      throw new UserError('import.not-json', msg('exports.import.not-json', { name }));
    }
    const parsed = parseRoomExport(content);
    if (!parsed.ok) {
      const { code, detail } = parsed.refusal;
      throw new UserError(`import.${code}`, msg(REFUSALS[code], { name, detail }));
    }
    let state: Awaited<ReturnType<typeof ctx.engine.importRoom>>;
    try {
      state = await ctx.engine.importRoom(ctx.room, ctx.actor, {
        fromRoomId: parsed.fromRoomId,
        events: parsed.events,
      });
    } catch (error) {
      // Another import (or a story) got there first.
      if (isUserError(error) && error.code === 'import.exists') throw exists();
      throw error;
    }
    return publicReply(
      text(
        msg('exports.import.done', {
          who: ctx.actor.name,
          title: state.story?.title ?? parsed.title,
          name,
          beats: Object.keys(state.beats).length,
          votes: Object.keys(state.votes).length,
        }),
      ),
    );
  },
});
