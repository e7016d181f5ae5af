// The console adapter: the local story room, and the slash-grammar parser other adapters reuse.
export { type ParsedCommandText, parseCommandText } from './parse-command-text.ts';
export { type ConsoleRoomOptions, runConsoleRoom } from './run-console-room.ts';
