// The one call main.ts makes: the LLM narrator when LLM_MODEL is set, the offline one otherwise.
import type { Logger } from '../logger.ts';
import type { Narrator } from '../story/narrator.ts';
import type { LlmConfig } from './llm-config.ts';
import { createOfflineNarrator } from './offline-narrator.ts';
import { createOpenAiNarrator, type OpenAiNarratorDeps } from './openai-narrator.ts';

export interface NarratorDeps extends Omit<OpenAiNarratorDeps, 'logger'> {
  logger: Logger;
  /** Seed for the offline narrator (NARRATOR_SEED). */
  seed?: number | undefined;
}

export function createNarratorFromConfig(config: LlmConfig, deps: NarratorDeps): Narrator {
  if (!config.enabled) {
    deps.logger.info({}, 'no LLM_MODEL set: the offline narrator writes');
    return createOfflineNarrator({ seed: deps.seed ?? 1 });
  }
  const [primary, ...fallbacks] = config.endpoints;
  deps.logger.info(
    {
      server: primary?.server,
      model: primary?.model,
      fallbacks: fallbacks.length,
      allowedModels: config.allowedModels,
      structuredOutput: primary?.capabilities.structuredOutput,
      moderation: Boolean(config.moderation),
    },
    'narrating with an OpenAI-compatible model',
  );
  return createOpenAiNarrator(config, deps);
}
