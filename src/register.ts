// `npm run register`: deploys storyroom's slash commands to Discord. Kept out of `npm start` on purpose:
// registering is a side effect on the platform, run once after adding or changing commands.
// `npm run register -- slack …` writes the Slack app manifest instead (Slack takes commands from it).
import { REST } from 'discord.js';
import { discordConfigSchema, registerCommands } from './adapters/discord/index.ts';
import { safeError } from './adapters/discord/safe-error.ts';
import { writeSlackManifest } from './adapters/slack/manifest-command.ts';
import { slackConfigSchema } from './adapters/slack/slack-config.ts';
import { commands } from './commands/index.ts';
import { configOrReport, parseEnv } from './config.ts';
import { createLogger } from './create-logger.ts';

async function register(args: readonly string[]): Promise<number> {
  if (args[0] === 'slack') return manifest(args.slice(1));
  const config = configOrReport(() => parseEnv(discordConfigSchema, process.env));
  if (!config) return 1;
  const { token, applicationId, guildId } = config;
  if (!token || !applicationId) {
    process.stderr.write(
      'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (in .env or the environment) first.\n',
    );
    return 1;
  }
  const logger = createLogger('warn');
  try {
    const rest = new REST({ version: '10' }).setToken(token);
    const { scope, count } = await registerCommands({ rest, applicationId, guildId, commands, logger });
    process.stdout.write(
      scope === 'guild'
        ? `Registered ${count} commands in server ${guildId}; they can be used right away.\n`
        : `Registered ${count} global commands; Discord can take up to an hour to show them in every server.\n`,
    );
    return 0;
  } catch (error) {
    const safe = safeError(error);
    process.stderr.write(
      `Registering the commands failed: ${safe instanceof Error ? safe.message : String(safe)}\n`,
    );
    return 1;
  }
}

async function manifest(args: readonly string[]): Promise<number> {
  const config = configOrReport(() => parseEnv(slackConfigSchema, process.env));
  if (!config) return 1;
  return writeSlackManifest({
    args,
    commands,
    prefix: config.commandPrefix,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

register(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
