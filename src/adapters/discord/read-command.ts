// A slash command interaction as storyroom's command name ("scene start") and its raw option values,
// for runCommand to validate.
import {
  ApplicationCommandOptionType,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
} from 'discord.js';
import { attachmentFile } from './attachment-file.ts';

export interface CommandCall {
  name: string;
  options: Record<string, unknown>;
}

export function readCommand(interaction: ChatInputCommandInteraction): CommandCall {
  const words = [interaction.commandName];
  let options: readonly CommandInteractionOption[] = interaction.options.data;
  for (;;) {
    const nested = options[0];
    if (
      nested?.type !== ApplicationCommandOptionType.SubcommandGroup &&
      nested?.type !== ApplicationCommandOptionType.Subcommand
    )
      break;
    words.push(nested.name);
    options = nested.options ?? [];
  }
  return {
    name: words.join(' '),
    options: Object.fromEntries(
      options.map((option) => [
        option.name,
        // An attachment option's value is only its id: the command gets the file itself.
        option.type === ApplicationCommandOptionType.Attachment && option.attachment
          ? attachmentFile(option.attachment)
          : option.value,
      ]),
    ),
  };
}
