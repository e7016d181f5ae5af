import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { GENRE_MAX, HEADING_MAX, TITLE_MAX, TONE_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { choiceOption, textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene start',
  description: "Start this channel's story",
  descriptionLocalizations: { 'zh-CN': '开始本频道的故事' },
  options: z.object({
    title: textOption('The story title', TITLE_MAX),
    premise: textOption('What the story is about').optional(),
    genre: textOption('Genre, e.g. noir, comedy, sci-fi', GENRE_MAX).optional(),
    tone: textOption('Tone, e.g. tense, playful', TONE_MAX).optional(),
    language: textOption('Language the narrator writes in (BCP 47, e.g. en, zh-CN)', 35).optional(),
    rating: choiceOption('Content rating', ['general', 'teen', 'mature'] as const).optional(),
    heading: textOption('Opening scene heading, e.g. INT. DINER - NIGHT', HEADING_MAX).optional(),
  }),
  access: 'writer',
  async execute(ctx, options) {
    const room = await ctx.engine.startStory(ctx.room, ctx.actor, options);
    const story = room.story;
    const title = { name: ctx.actor.name, title: story?.title ?? '' };
    const started = story?.genre
      ? msg('commands.scene.started-title-genre', { ...title, genre: story.genre, tone: story.tone })
      : msg('commands.scene.started-title', title);
    const said = text(
      story?.premise
        ? msg('commands.scene.started-premise', { started, premise: story.premise })
        : msg('commands.scene.started', { started }),
    );
    const opening = room.headId ? room.beats[room.headId] : undefined;
    return opening
      ? publicReply(said, { type: 'beats', beats: [opening], scenes: room.scenes })
      : publicReply(said);
  },
});
