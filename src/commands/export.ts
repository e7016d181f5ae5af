// /export: the room as a file in the format a reader wants, delivered by the adapter (an attachment on
// Discord, a file under ./exports/ in the terminal). A file over the platform's upload limit is not sent:
// the reply says so and offers the smaller forms (the story alone, gzip). Each delivered export is noted
// in the room's log for the audit.
import { z } from 'zod';
import type { MessageKey } from '../i18n/keys.ts';
import { msg } from '../i18n/message.ts';
import type { ExportPool } from '../screenplay/export-pool.ts';
import { checkUpload, gzippedFile, type SmallerForm } from '../screenplay/upload-limit.ts';
import { UserError } from '../story/errors.ts';
import type { Platform } from '../story/types.ts';
import { type Command, defineCommand, file, privateReply, text } from './command.ts';
import { EXPORT_FORMATS, FORMATS, writeExport } from './export-formats.ts';
import { fileSize } from './file-size.ts';
import { booleanOption, choiceOption } from './option-schemas.ts';

export interface ExportCommandOptions {
  /** Upload limits to apply instead of the platforms' own (tests use small ones). */
  uploadLimits?: Partial<Record<Platform, number>> | undefined;
  /** The worker pool that renders the files (default: the process's shared pool). */
  pool?: ExportPool | undefined;
}

const OFFERS: Record<SmallerForm, MessageKey> = {
  'scope-story': 'exports.export.offer-story',
  gzip: 'exports.export.offer-gzip',
};

export function createExportCommand(settings: ExportCommandOptions = {}): Command {
  return defineCommand({
    name: 'export',
    description: 'Moderators: the story as a file (screenplay, transcript, Markdown or JSON)',
    descriptionLocalizations: { 'zh-CN': '版主：把故事导出为文件（剧本、记录、Markdown 或 JSON）' },
    options: z.object({
      format: choiceOption('Fountain, Final Draft, PDF, HTML transcript, Markdown or JSON', EXPORT_FORMATS),
      scope: choiceOption('story: the story as it stands (default); all: with takes not kept', [
        'story',
        'all',
      ] as const).optional(),
      gzip: booleanOption('Compress the file with gzip (on/off)').optional(),
    }),
    access: 'moderator',
    replies: 'private',
    async execute(ctx, options) {
      if (ctx.actor.role !== 'moderator') {
        throw new UserError('role.moderator', msg('exports.export.moderators-only'));
      }
      // Only the HTML transcript shows the storyboard frames' pictures.
      const history = await ctx.engine.history(ctx.room, { pictures: options.format === 'html' });
      const story = history.state.story;
      if (!story) throw new UserError('story.missing', msg('exports.no-story'));
      const format = FORMATS[options.format];
      // The JSON export is always the whole room.
      const scope = options.format === 'json' ? 'all' : (options.scope ?? 'story');
      const written = await writeExport(options.format, history, scope, {
        gzip: options.gzip,
        pool: settings.pool,
      });
      const name = `${story.title}.${format.extension}`;
      const out = options.gzip ? gzippedFile(name, written) : { name, mime: format.mime, bytes: written };
      const platform = ctx.room.platform;
      const check = checkUpload(platform, out.bytes.length, {
        scope: options.format === 'json' ? undefined : scope,
        gzipped: options.gzip === true,
        limit: settings.uploadLimits?.[platform],
      });
      if (!check.fits) {
        const offers = check.offers.map((offer) => text(msg(OFFERS[offer])));
        return privateReply(
          text(
            msg('exports.export.too-large', {
              format: format.label,
              size: fileSize(check.size),
              platform: msg('exports.platform', { platform }),
              limit: fileSize(check.limit),
            }),
          ),
          ...(offers.length > 0 ? offers : [text(msg('exports.export.no-offer'))]),
        );
      }
      await ctx.engine.recordExport(ctx.room, ctx.actor, {
        format: options.gzip ? `${options.format}.gz` : options.format,
        scope,
      });
      const said = options.gzip ? 'exports.export.delivered-gzip' : 'exports.export.delivered';
      return privateReply(
        text(
          msg(said, {
            format: format.label,
            title: story.title,
            scope: msg('exports.scope', { scope }),
            size: fileSize(out.bytes.length),
          }),
        ),
        file(out.name, out.mime, out.bytes),
      );
    },
  });
}

export default createExportCommand();
