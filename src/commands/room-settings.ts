import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import { defineCommand, privateReply, publicReply } from './command.ts';
import { settingsFields } from './format.ts';
import { booleanOption, choiceOption, durationOption, textOption } from './option-schemas.ts';

export default defineCommand({
  name: 'room settings',
  description: "Show or change the room's settings (moderators)",
  descriptionLocalizations: { 'zh-CN': '查看或修改房间设置' },
  options: z.object({
    vote_duration: durationOption('Default vote length, e.g. 60s (10s to 24h)').optional(),
    who_may_continue: choiceOption('Who may add to the story', ['everyone', 'writers'] as const).optional(),
    cooldown: durationOption('Wait between one person\'s beats, e.g. 30s (0 to 1h; "0" for none)').optional(),
    auto_vote: booleanOption('Open a branch vote after each narrator beat (on/off)').optional(),
    character_voices: booleanOption(
      "Discord: post each character's lines under the character's name via a webhook (on/off)",
    ).optional(),
    model: textOption(
      'The room\'s model, from the operator\'s allowed list ("default" resets)',
      100,
    ).optional(),
  }),
  access: 'moderator',
  replies: 'private-without-options',
  async execute(ctx, options) {
    const patch = {
      voteDurationMs: options.vote_duration,
      whoMayContinue: options.who_may_continue,
      cooldownMs: options.cooldown,
      autoVote: options.auto_vote,
      characterVoices: options.character_voices,
      model: options.model,
    };
    const changing = Object.values(patch).some((value) => value !== undefined);
    if (!changing) {
      const settings = await ctx.engine.settings(ctx.room, ctx.actor);
      return privateReply({
        type: 'fields',
        title: msg('commands.settings.title'),
        fields: settingsFields(settings),
      });
    }
    const settings = await ctx.engine.updateSettings(ctx.room, ctx.actor, patch);
    return publicReply({
      type: 'fields',
      title: msg('commands.settings.changed', { name: ctx.actor.name }),
      fields: settingsFields(settings),
    });
  },
});
