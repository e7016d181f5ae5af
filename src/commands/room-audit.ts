import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { auditLog } from '../screenplay/audit-log.ts';
import { auditMessage } from '../screenplay/audit-text.ts';
import { authorName } from '../screenplay/room-log.ts';
import { UserError } from '../story/errors.ts';
import { defineCommand, privateReply, text } from './command.ts';
import { integerOption } from './option-schemas.ts';

/** One embed's worth of fields on Discord. */
const AUDIT_MAX = 25;
const AUDIT_DEFAULT = 10;

export default defineCommand({
  name: 'room audit',
  description: 'Moderators: the latest moderator actions in this room (who, what, when)',
  descriptionLocalizations: { 'zh-CN': '版主：查看本房间最近的版主操作（谁、做了什么、何时）' },
  options: z.object({
    count: integerOption(
      `How many actions to show (1 to ${AUDIT_MAX}, default ${AUDIT_DEFAULT})`,
      1,
      AUDIT_MAX,
    ).optional(),
  }),
  access: 'moderator',
  replies: 'private',
  async execute(ctx, options) {
    if (ctx.actor.role !== 'moderator') {
      throw new UserError('role.moderator', msg('exports.audit.moderators-only'));
    }
    const history = await ctx.engine.history(ctx.room);
    const latest = auditLog(history)
      .slice(-(options.count ?? AUDIT_DEFAULT))
      .reverse();
    if (latest.length === 0) return privateReply(text(msg('exports.audit.none')));
    return privateReply({
      type: 'fields',
      title: msg('exports.audit.title', { count: latest.length }),
      fields: latest.map((entry) => ({
        name: msg('exports.audit.when-who', { at: new Date(entry.at), who: authorName(entry.by) }),
        value: auditMessage(entry),
      })),
    });
  },
});
