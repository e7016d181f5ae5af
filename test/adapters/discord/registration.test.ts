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
import { textOption } from '../../../src/commands/option-schemas.ts';
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
      'character',
      'vote',
      'canon',
      'critique',
      'room',
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
      description: 'The story title',
      required: true,
      max_length: 100,
    });
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
        options: z.object({ reason: textOption('reason', 'Why', 200).optional() }),
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
