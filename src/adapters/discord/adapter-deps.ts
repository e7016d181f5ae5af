// What the interaction handlers share: built once per adapter, passed explicitly.
import type { Command } from '../../commands/command.ts';
import type { Logger } from '../../logger.ts';
import type { StoryEngine } from '../../story/engine.ts';
import type { BeatMessages } from '../shared/beat-messages.ts';
import type { CharacterWebhooks } from './character-webhooks.ts';
import type { DiscordConfig } from './discord-config.ts';
import type { VoteMessages } from './vote-messages.ts';

export interface AdapterDeps {
  engine: StoryEngine;
  logger: Logger;
  config: DiscordConfig;
  commands: readonly Command[];
  votes: VoteMessages;
  /** The channel webhooks characters speak through (character voices). */
  voices: CharacterWebhooks;
  /** Which message shows which beat, for reactions (adapters/shared/beat-messages.ts). */
  beatMessages: BeatMessages;
  now: () => number;
  /** Aborted when the adapter stops: generations in progress are cancelled. */
  signal: AbortSignal;
}
