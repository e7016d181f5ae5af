// Deploys the slash commands (npm run register): one bulk overwrite, guild-scoped when a guild id is given
// (instant, for testing), global otherwise (can take up to an hour to reach every server).
import { type REST, Routes } from 'discord.js';
import type { Command } from '../../commands/command.ts';
import type { Logger } from '../../logger.ts';
import { buildCommandPayload } from './command-payload.ts';

export async function registerCommands(options: {
  rest: REST;
  applicationId: string;
  guildId?: string | undefined;
  commands: readonly Command[];
  logger: Logger;
}): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const body = buildCommandPayload(options.commands);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const result = (await options.rest.put(route, { body })) as unknown[];
  const scope = options.guildId ? 'guild' : 'global';
  options.logger.info(
    { scope, guildId: options.guildId, count: result.length },
    'registered the Discord slash commands',
  );
  return { scope, count: result.length };
}
