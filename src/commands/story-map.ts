import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { sharedExportPool } from '../screenplay/export-pool.ts';
import { UserError } from '../story/errors.ts';
import { defineCommand, file, publicReply, text } from './command.ts';

export default defineCommand({
  name: 'story map',
  description: 'A picture of the story tree: scenes, branches and the votes that decided them',
  descriptionLocalizations: { 'zh-CN': '故事树的图片：场景、分支以及决定分支的投票' },
  options: z.object({}),
  access: 'everyone',
  async execute(ctx) {
    const history = await ctx.engine.history(ctx.room);
    const story = history.state.story;
    if (!story) throw new UserError('story.missing', msg('exports.no-story'));
    // Laid out and rendered in the export pool's worker thread, off the bot's event loop.
    const png = await sharedExportPool().run(history, { kind: 'map-png', scope: 'all' });
    return publicReply(
      text(
        msg('exports.map.caption', { title: story.title, beats: Object.keys(history.state.beats).length }),
      ),
      file(`${story.title}-map.png`, 'image/png', png),
    );
  },
});
