// How storyroom's commands are written in Slack: every name behind SLACK_COMMAND_PREFIX ("sr-" gives
// "/sr-scene start"), and no file options: a slash command carries only its text.
import type { CommandSpelling } from '../../commands/command.ts';

export const slackSpelling = (prefix: string): CommandSpelling => ({
  name: (name) => `${prefix}${name}`,
  cannotTake: ['file'],
});
