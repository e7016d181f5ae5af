// The console adapter: the local story room. (The slash grammar it reads is the commands' own, in
// src/commands/text/, shared with Slack.)
export { type ConsoleRoomOptions, runConsoleRoom } from './run-console-room.ts';
export { terminalLocale } from './terminal-locale.ts';
