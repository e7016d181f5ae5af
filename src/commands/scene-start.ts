import { z } from 'zod';
import { GENRE_MAX, HEADING_MAX, TITLE_MAX, TONE_MAX } from '../story/limits.ts';
import { defineCommand, publicReply, text } from './command.ts';
import { choiceOption, textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'scene start',
  description: "Start this channel's story",
  descriptionLocalizations: { 'zh-CN': '开始本频道的故事' },
  options: z.object({
    title: textOption('title', 'The story title', TITLE_MAX),
    premise: textOption('premise', 'What the story is about').optional(),
    genre: textOption('genre', 'Genre, e.g. noir, comedy, sci-fi', GENRE_MAX).optional(),
    tone: textOption('tone', 'Tone, e.g. tense, playful', TONE_MAX).optional(),
    language: textOption(
      'language',
      'Language the narrator writes in (BCP 47, e.g. en, zh-CN)',
      35,
    ).optional(),
    rating: choiceOption('rating', 'Content rating', ['general', 'teen', 'mature'] as const).optional(),
    heading: textOption('heading', 'Opening scene heading, e.g. INT. DINER - NIGHT', HEADING_MAX).optional(),
  }),
  access: 'writer',
  async execute(ctx, options) {
    const room = await ctx.engine.startStory(ctx.room, ctx.actor, options);
    const story = room.story;
    const lines = [
      `${ctx.actor.name} started "${story?.title}"${story?.genre ? ` (${story.genre}, ${story.tone})` : ''}.`,
      story?.premise ? `Premise: ${story.premise}` : '',
      'Add characters with /character add, then /scene continue or write lines with /say and /action.',
    ].filter(Boolean);
    const opening = room.headId ? room.beats[room.headId] : undefined;
    return opening
      ? publicReply(text(lines.join('\n')), { type: 'beats', beats: [opening], scenes: room.scenes })
      : publicReply(text(lines.join('\n')));
  },
});
