// Discord's slash command JSON, derived from storyroom's command list: "scene start" becomes the
// subcommand "start" of "/scene", options come from describeOptions (their zh-CN text from
// option-localizations.ts), and moderator-only commands carry default_member_permissions where Discord
// allows it (per top-level command, so only when every subcommand of a group is moderator-only; the engine
// enforces roles regardless).
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  Locale,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../../commands/command.ts';
import { groupText } from '../../commands/command-localizations.ts';
import { describeOptions, type OptionSpec } from '../../commands/describe-options.ts';
import { zhCnOptionText } from '../../commands/option-localizations.ts';
import { discordLocalizations, nameLocalizations } from './command-localizations.ts';

/** Members who may see moderator-only commands by default; server admins can change it per command. */
export const MODERATOR_PERMISSIONS = String(PermissionFlagsBits.ManageMessages);

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const DESCRIPTION_MAX = 100;
const CHOICE_MAX = 100;
const STRING_MAX = 6000;
const OPTIONS_MAX = 25;

export function buildCommandPayload(
  commands: readonly Command[],
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const groups = new Map<string, Command[]>();
  for (const command of commands) {
    const [top = ''] = command.name.split(' ');
    groups.set(top, [...(groups.get(top) ?? []), command]);
  }
  return [...groups].map(([top, members]) => {
    const standalone = members.find((command) => command.name === top);
    if (standalone && members.length > 1) {
      throw new Error(`/${top} is both a command and a group of subcommands; Discord allows only one`);
    }
    const moderatorOnly = members.every((command) => command.access === 'moderator');
    const base = {
      type: ApplicationCommandType.ChatInput as const,
      name: checkName(top),
      name_localizations: nameLocalizations(top),
      default_member_permissions: moderatorOnly ? MODERATOR_PERMISSIONS : null,
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    };
    if (standalone) {
      return {
        ...base,
        description: checkDescription(standalone.description, standalone.name),
        description_localizations: discordLocalizations(standalone.descriptionLocalizations),
        options: optionsOf(standalone),
      };
    }
    const text = groupText(top);
    return {
      ...base,
      description: checkDescription(text.description, top),
      description_localizations: discordLocalizations(text.descriptionLocalizations),
      options: limit(members.map(subcommandOf), `/${top}`),
    };
  });
}

function subcommandOf(command: Command): APIApplicationCommandSubcommandOption {
  const words = command.name.split(' ');
  const name = words[1];
  if (words.length !== 2 || !name) {
    throw new Error(`/${command.name}: Discord commands here have one or two words`);
  }
  const localizedName = nameLocalizations(name);
  const localizedDescription = discordLocalizations(command.descriptionLocalizations);
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: checkName(name),
    ...(localizedName && { name_localizations: localizedName }),
    description: checkDescription(command.description, command.name),
    ...(localizedDescription && { description_localizations: localizedDescription }),
    options: optionsOf(command),
  };
}

function optionsOf(command: Command): APIApplicationCommandBasicOption[] {
  const specs = describeOptions(command);
  // Discord wants required options first; they are named, so the order of the text grammar doesn't matter.
  const ordered = [...specs.filter((spec) => spec.required), ...specs.filter((spec) => !spec.required)];
  const options = ordered.map((spec) => optionOf(spec, command));
  // Discord shows localized names in place of the real ones, so they must not collide either.
  const zhNames = options.flatMap((option) => option.name_localizations?.[Locale.ChineseCN] ?? []);
  const repeated = zhNames.find((name, index) => zhNames.indexOf(name) !== index);
  if (repeated) throw new Error(`/${command.name} has two options named "${repeated}" in zh-CN`);
  return limit(options, `/${command.name}`);
}

function optionOf(spec: OptionSpec, command: Command): APIApplicationCommandBasicOption {
  const where = `/${command.name} ${spec.name}`;
  const zh = zhCnOptionText(command.name, spec.name);
  const base = {
    name: checkName(spec.name),
    ...(zh && { name_localizations: { [Locale.ChineseCN]: checkName(zh.name) } }),
    description: checkDescription(spec.description, where),
    ...(zh && {
      description_localizations: {
        [Locale.ChineseCN]: checkDescription(zh.description, `${where} (zh-CN)`),
      },
    }),
    required: spec.required,
  };
  switch (spec.input) {
    case 'string':
      return spec.choices
        ? {
            ...base,
            type: ApplicationCommandOptionType.String,
            choices: spec.choices.map((choice) => {
              const zhChoice = zh?.choices?.[choice];
              return {
                name: checkChoice(choice, where),
                ...(zhChoice !== undefined && {
                  name_localizations: { [Locale.ChineseCN]: checkChoice(zhChoice, where) },
                }),
                value: choice,
              };
            }),
          }
        : {
            ...base,
            type: ApplicationCommandOptionType.String,
            max_length: Math.min(spec.maxLength ?? STRING_MAX, STRING_MAX),
          };
    case 'integer':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        ...(spec.min !== undefined && { min_value: spec.min }),
        ...(spec.max !== undefined && { max_value: spec.max }),
      };
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    case 'file':
      return { ...base, type: ApplicationCommandOptionType.Attachment };
  }
}

function checkName(name: string): string {
  if (!NAME.test(name) || name !== name.toLowerCase()) {
    throw new Error(`"${name}" is not a valid Discord command or option name`);
  }
  return name;
}

function checkDescription(description: string, where: string): string {
  if (description.length < 1 || description.length > DESCRIPTION_MAX) {
    throw new Error(`the description of ${where} must be 1 to ${DESCRIPTION_MAX} characters for Discord`);
  }
  return description;
}

function checkChoice(name: string, where: string): string {
  if (name.length < 1 || name.length > CHOICE_MAX) {
    throw new Error(`the choice "${name}" of ${where} must be 1 to ${CHOICE_MAX} characters for Discord`);
  }
  return name;
}

function limit<T>(items: T[], where: string): T[] {
  if (items.length > OPTIONS_MAX)
    throw new Error(`${where} has more than ${OPTIONS_MAX} options or subcommands`);
  return items;
}
