// The bot scopes storyroom asks for: the app manifest lists them and the OAuth install flow requests them.
// commands: slash commands; chat:write(.public): replies, also in channels the bot was not invited to;
// chat:write.customize: character voices (a line posted under the character's name and icon);
// files:write: exports; users:read and usergroups:read: who is a moderator or a writer (permissions.ts);
// reactions:read: reactions in transcripts; im:write: a private reply's file (an export) goes to the person's
// direct messages; app_mentions:read: commands in threads, where slash commands cannot be used.
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'chat:write.customize',
  'files:write',
  'im:write',
  'users:read',
  'usergroups:read',
  'app_mentions:read',
  'reactions:read',
] as const;

export type BotScope = (typeof BOT_SCOPES)[number];
