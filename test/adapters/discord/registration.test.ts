import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  PermissionFlagsBits,
  REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCommandPayload } from '../../../src/adapters/discord/command-payload.ts';
import { registerCommands } from '../../../src/adapters/discord/register-commands.ts';
import { type Command, defineCommand, privateReply } from '../../../src/commands/command.ts';
import { describeOptions } from '../../../src/commands/describe-options.ts';
import { commands } from '../../../src/commands/index.ts';
import { ZH_CN_OPTION_OVERRIDES, ZH_CN_OPTIONS } from '../../../src/commands/option-localizations.ts';
import { choiceOption, durationOption, textOption } from '../../../src/commands/option-schemas.ts';
import { silentLogger } from '../../../src/logger.ts';
import { APP_ID, CHANNEL_ID, GUILD_ID } from '../../helpers/discord-payloads.ts';
import { type FakeDiscordRest, fakeDiscordRest } from '../../helpers/discord-rest.ts';

type Payload = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Every registered command as storyroom names it ("scene start"), with its Discord JSON. */
function flatten(payload: Payload[]) {
  return payload.flatMap((top) => {
    const subcommands = (top.options ?? []).filter(
      (option): option is APIApplicationCommandSubcommandOption =>
        option.type === ApplicationCommandOptionType.Subcommand,
    );
    if (subcommands.length === 0) {
      return [{ name: top.name, top, entry: top as Payload | APIApplicationCommandSubcommandOption }];
    }
    return subcommands.map((sub) => ({ name: `${top.name} ${sub.name}`, top, entry: sub }));
  });
}

/** Discord's rule for command and option names, localized ones included. */
const DISCORD_NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/**
 * What a zh-CN user would miss or Discord would reject in the options of these commands, one line each.
 * It walks the definitions, not the payload, so an option added without a translation shows up here.
 */
function zhCnOptionProblems(defined: readonly Command[]): string[] {
  const registered = flatten(buildCommandPayload(defined));
  return defined.flatMap((command) => {
    const entry = registered.find((candidate) => candidate.name === command.name)?.entry;
    const options = (entry?.options ?? []) as APIApplicationCommandBasicOption[];
    const problems: string[] = [];
    const names: string[] = [];
    for (const spec of describeOptions(command)) {
      const where = `/${command.name} ${spec.name}`;
      const option = options.find((candidate) => candidate.name === spec.name);
      const name = option?.name_localizations?.['zh-CN'];
      if (!name) problems.push(`${where}: no zh-CN name`);
      else if (!DISCORD_NAME.test(name) || name !== name.toLowerCase())
        problems.push(`${where}: "${name}" is not a Discord option name`);
      else names.push(name);
      const description = option?.description_localizations?.['zh-CN'];
      if (!description) problems.push(`${where}: no zh-CN description`);
      else if (description.length > 100) problems.push(`${where}: zh-CN description over 100 characters`);
      const choices = option && 'choices' in option ? (option.choices ?? []) : [];
      for (const choice of spec.choices ?? []) {
        const label = choices.find((candidate) => candidate.value === choice)?.name_localizations?.['zh-CN'];
        if (!label || label.length > 100) problems.push(`${where}: choice "${choice}" has no zh-CN name`);
      }
    }
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    if (repeated.length > 0)
      problems.push(`/${command.name}: zh-CN option names repeat: ${repeated.join(', ')}`);
    return problems;
  });
}

describe('command registration payload', () => {
  const payload = buildCommandPayload(commands);
  const registered = flatten(payload);

  it('registers every command exactly once, grouped by its first word', () => {
    expect(registered.map((entry) => entry.name).sort()).toEqual(
      commands.map((command) => command.name).sort(),
    );
    expect(payload.map((top) => top.name)).toEqual([
      'scene',
      'line',
      'say',
      'action',
      'transition',
      'character',
      'vote',
      'canon',
      'style',
      'critique',
      'react',
      'recap',
      'review',
      'room',
      'export',
      'story',
      'help',
    ]);
  });

  it('takes descriptions and their zh-CN translations from the command definitions', () => {
    for (const command of commands) {
      const entry = registered.find((candidate) => candidate.name === command.name)?.entry;
      expect(entry?.description).toBe(command.description);
      expect(entry?.description_localizations).toEqual(command.descriptionLocalizations);
      expect(entry?.description_localizations?.['zh-CN']).toBeTruthy();
    }
  });

  it('localizes every command, group and subcommand name for zh-CN', () => {
    for (const { top, entry } of registered) {
      expect(top.name_localizations?.['zh-CN'], top.name).toBeTruthy();
      expect(entry.name_localizations?.['zh-CN'], entry.name).toBeTruthy();
      expect(top.description_localizations?.['zh-CN'], top.name).toBeTruthy();
    }
    const scene = payload.find((top) => top.name === 'scene');
    expect(scene?.name_localizations).toEqual({ 'zh-CN': '场景' });
  });

  it('derives the options from the zod definitions: types, required first, limits and choices', () => {
    for (const command of commands) {
      const entry = registered.find((candidate) => candidate.name === command.name)?.entry;
      const options = (entry?.options ?? []) as APIApplicationCommandBasicOption[];
      const specs = describeOptions(command);
      expect(options.map((option) => option.name).sort()).toEqual(specs.map((spec) => spec.name).sort());
      const firstOptional = options.findIndex((option) => !option.required);
      if (firstOptional !== -1)
        expect(options.slice(firstOptional).every((option) => !option.required)).toBe(true);
      for (const spec of specs) {
        const option = options.find((candidate) => candidate.name === spec.name);
        expect(option?.description).toBe(spec.description);
        expect(option?.required).toBe(spec.required);
        if (spec.input === 'integer') {
          expect(option).toMatchObject({
            type: ApplicationCommandOptionType.Integer,
            min_value: spec.min,
            max_value: spec.max,
          });
        } else if (spec.input === 'boolean') {
          expect(option?.type).toBe(ApplicationCommandOptionType.Boolean);
        } else if (spec.input === 'file') {
          expect(option?.type).toBe(ApplicationCommandOptionType.Attachment);
        } else if (spec.choices) {
          expect(option).toMatchObject({
            type: ApplicationCommandOptionType.String,
            choices: spec.choices.map((choice) => ({ name: choice, value: choice })),
          });
        } else {
          expect(option).toMatchObject({
            type: ApplicationCommandOptionType.String,
            max_length: spec.maxLength,
          });
        }
      }
    }
    const start = registered.find((entry) => entry.name === 'scene start')?.entry;
    expect(start?.options?.[0]).toEqual({
      type: ApplicationCommandOptionType.String,
      name: 'title',
      name_localizations: { 'zh-CN': '标题' },
      description: 'The story title',
      description_localizations: { 'zh-CN': '故事标题' },
      required: true,
      max_length: 100,
    });
  });

  it('gives every option a zh-CN name and description, and every choice a zh-CN name, within Discord limits', () => {
    expect(zhCnOptionProblems(commands)).toEqual([]);
    const start = registered.find((entry) => entry.name === 'scene start')?.entry;
    expect(start?.options?.find((option) => option.name === 'rating')).toMatchObject({
      name_localizations: { 'zh-CN': '分级' },
      choices: [
        { name: 'general', name_localizations: { 'zh-CN': '全年龄' }, value: 'general' },
        { name: 'teen', name_localizations: { 'zh-CN': '青少年' }, value: 'teen' },
        { name: 'mature', name_localizations: { 'zh-CN': '成人' }, value: 'mature' },
      ],
    });
    // An option name that asks for something else in one command gets its own description there.
    const zhDescription = (command: string, option: string) =>
      registered
        .find((entry) => entry.name === command)
        ?.entry.options?.find((candidate) => candidate.name === option)?.description_localizations?.['zh-CN'];
    expect(zhDescription('say', 'text')).toBe('角色说的话');
    expect(zhDescription('action', 'text')).toBe('发生了什么');
  });

  it('notices an option or a choice added without a zh-CN translation', () => {
    const withNewOptions = defineCommand({
      name: 'scene start',
      description: 'Start the story',
      descriptionLocalizations: { 'zh-CN': '开始故事' },
      options: z.object({
        title: textOption('The story title', 100),
        mood: textOption('How it should feel', 100).optional(),
        rating: choiceOption('Content rating', ['general', 'teen', 'mature', 'adult'] as const),
      }),
      access: 'everyone',
      execute: async () => privateReply(),
    });
    expect(zhCnOptionProblems([withNewOptions])).toEqual([
      '/scene start mood: no zh-CN name',
      '/scene start mood: no zh-CN description',
      '/scene start rating: choice "adult" has no zh-CN name',
    ]);
  });

  it('refuses two options of one command that zh-CN users would see under the same name', () => {
    // "duration" (/vote open) and "by" (/vote extend) are both 时长; together they would be ambiguous.
    const both = defineCommand({
      name: 'vote extend',
      description: 'Extend the vote',
      options: z.object({
        duration: durationOption('How long').optional(),
        by: durationOption('How much longer').optional(),
      }),
      access: 'moderator',
      execute: async () => privateReply(),
    });
    expect(() => buildCommandPayload([both])).toThrow('/vote extend has two options named "时长" in zh-CN');
  });

  it('keeps no zh-CN translation for an option that no longer exists', () => {
    const defined = commands.flatMap((command) =>
      describeOptions(command).map((spec) => ({ command: command.name, option: spec.name })),
    );
    const optionNames = new Set(defined.map((entry) => entry.option));
    expect(Object.keys(ZH_CN_OPTIONS).filter((option) => !optionNames.has(option))).toEqual([]);
    const qualified = new Set(defined.map((entry) => `${entry.command} ${entry.option}`));
    expect(Object.keys(ZH_CN_OPTION_OVERRIDES).filter((key) => !qualified.has(key))).toEqual([]);
  });

  it('is usable in servers only', () => {
    for (const top of payload) {
      expect(top.contexts).toEqual([0]);
      expect(top.integration_types).toEqual([0]);
    }
  });

  it('hides a command from non-moderators by default when everything under it is moderator-only', () => {
    const only = (name: string, access: Command['access']) =>
      defineCommand({
        name,
        description: `${name} test`,
        descriptionLocalizations: { 'zh-CN': '测试', 'xx-YY': 'not a Discord locale' },
        options: z.object({ reason: textOption('Why', 200).optional() }),
        access,
        execute: async () => privateReply(),
      });
    const built = buildCommandPayload([
      only('purge', 'moderator'),
      only('mod kick', 'moderator'),
      only('mod ban', 'moderator'),
      only('mixed open', 'everyone'),
      only('mixed close', 'moderator'),
    ]);
    const permissions = Object.fromEntries(built.map((top) => [top.name, top.default_member_permissions]));
    expect(permissions).toEqual({
      purge: String(PermissionFlagsBits.ManageMessages),
      mod: String(PermissionFlagsBits.ManageMessages),
      // Discord sets permissions per top-level command, so a mixed group stays visible; the engine refuses.
      mixed: null,
    });
    expect(built[0]?.description_localizations).toEqual({ 'zh-CN': '测试' });
    // storyroom's own list follows the same rule: /room is the moderators' panel, /scene is shared.
    const own = Object.fromEntries(payload.map((top) => [top.name, top.default_member_permissions]));
    expect(own.room).toBe(String(PermissionFlagsBits.ManageMessages));
    expect(own.scene).toBeNull();
    for (const top of payload) {
      const members = commands.filter((command) => command.name.split(' ')[0] === top.name);
      const moderatorOnly = members.every((command) => command.access === 'moderator');
      expect(top.default_member_permissions).toBe(
        moderatorOnly ? String(PermissionFlagsBits.ManageMessages) : null,
      );
    }
  });
});

describe('npm run register', () => {
  let fake: FakeDiscordRest;
  afterEach(() => fake.stop());

  it('overwrites the guild commands when a guild id is set', async () => {
    fake = fakeDiscordRest({ channelId: CHANNEL_ID });
    const rest = new REST({ version: '10' }).setToken('test-token');

    const result = await registerCommands({
      rest,
      applicationId: APP_ID,
      guildId: GUILD_ID,
      commands,
      logger: silentLogger,
    });

    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({
      method: 'PUT',
      path: `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
    });
    expect(fake.calls[0]?.body).toEqual(JSON.parse(JSON.stringify(buildCommandPayload(commands))));
    expect(result).toEqual({
      scope: 'guild',
      count: new Set(commands.map((c) => c.name.split(' ')[0])).size,
    });
  });

  it('registers global commands without a guild id', async () => {
    fake = fakeDiscordRest({ channelId: CHANNEL_ID });
    const rest = new REST({ version: '10' }).setToken('test-token');

    const result = await registerCommands({ rest, applicationId: APP_ID, commands, logger: silentLogger });

    expect(fake.calls.map((call) => [call.method, call.path])).toEqual([
      ['PUT', `/applications/${APP_ID}/commands`],
    ]);
    expect(result.scope).toBe('global');
  });
});
