// `npm run register`: deploys storyroom's slash commands to Discord. Kept out of `npm start` on purpose:
// registering is a side effect on the platform, run once after adding or changing commands.
import { REST } from 'discord.js';
import { discordConfigSchema, registerCommands } from './adapters/discord/index.ts';
import { commands } from './commands/index.ts';
import type { Logger } from './logger.ts';

const console_: Logger = {
  debug: () => {},
  info: (obj, msg) => console.log(msg ?? '', JSON.stringify(obj)),
  warn: (obj, msg) => console.warn(msg ?? '', JSON.stringify(obj)),
  error: (obj, msg) => console.error(msg ?? '', obj),
};

const parsed = discordConfigSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const { token, applicationId, guildId } = parsed.data;
if (!token || !applicationId) {
  console.error(
    'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (in .env or the environment) to register commands.',
  );
  process.exit(1);
}

try {
  const rest = new REST({ version: '10' }).setToken(token);
  const { scope, count } = await registerCommands({
    rest,
    applicationId,
    guildId,
    commands,
    logger: console_,
  });
  console.log(
    scope === 'guild'
      ? `Registered ${count} commands in guild ${guildId}; they are usable now.`
      : `Registered ${count} global commands; Discord can take up to an hour to show them everywhere.`,
  );
} catch (error) {
  console.error('Registering the commands failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
