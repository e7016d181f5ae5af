// The Discord adapter's public surface, for main.ts, the register script and tests.
export { type AttachedAdapter, attachDiscordAdapter } from './attach-discord-adapter.ts';
export { buildCommandPayload } from './command-payload.ts';
export { createDiscordClient } from './create-client.ts';
export { type DiscordConfig, discordConfigSchema } from './discord-config.ts';
export { registerCommands } from './register-commands.ts';
export { type DiscordAdapter, startDiscordAdapter } from './start-discord-adapter.ts';
