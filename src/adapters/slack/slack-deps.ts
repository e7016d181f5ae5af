// What the Slack handlers share: built once per adapter, passed explicitly.
import type { WebClient } from '@slack/web-api';
import type { Command, CommandSpelling } from '../../commands/command.ts';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import type { BeatMessages } from '../shared/beat-messages.ts';
import type { CharacterVoices } from './character-voices.ts';
import type { EditBudget } from './edit-budget.ts';
import type { SlackPermissions } from './permissions.ts';
import type { ResponseUrls } from './response-urls.ts';
import type { SlackConfig } from './slack-config.ts';
import type { SlackVoteMessages } from './slack-vote-messages.ts';
import type { UserProfiles } from './user-profiles.ts';

export interface SlackDeps {
  engine: StoryEngine;
  logger: Logger;
  config: SlackConfig;
  commands: readonly Command[];
  /** How commands are written here: the prefix, no files (slack-spelling.ts). */
  spelling: CommandSpelling;
  /** The Web API client for a workspace: the bot token, or the workspace's installation (OAuth). */
  clientFor(teamId: string): Promise<WebClient>;
  permissions: SlackPermissions;
  budget: EditBudget;
  /** Uses left of each response_url, shared by replies and private vote edits. */
  responseUrls: ResponseUrls;
  profiles: UserProfiles;
  votes: SlackVoteMessages;
  voices: CharacterVoices;
  /** Which messages show which beat, for reactions (kept in the store). */
  beatMessages: BeatMessages;
  now: () => number;
  /** Aborted when the adapter stops: generations in progress are cancelled. */
  signal: AbortSignal;
}
