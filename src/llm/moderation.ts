// Optional content check (LLM_MODERATION) with the endpoint's /v1/moderations: the user's text before the
// model sees it, the model's text before anyone does. It fails closed: when the check itself is down, or its
// answer cannot be read, nothing is written, because the operator asked for every text to be checked.
import { z } from 'zod';
import { msg } from '../i18n/message.ts';
import type { Logger } from '../logger.ts';
import { UserError } from '../story/errors.ts';
import type { LiveEndpoint } from './live-endpoint.ts';

export type Moderate = (
  texts: (string | undefined)[],
  stage: 'input' | 'output',
  signal?: AbortSignal,
) => Promise<void>;

/** The part of the answer we rely on: one result per input, each saying whether it was flagged and why. */
const moderationAnswerSchema = z.object({
  results: z.array(
    z.object({
      flagged: z.boolean(),
      // Some servers send null for a category they do not score.
      categories: z.record(z.string(), z.boolean().nullable()),
    }),
  ),
});

const unavailable = () => new UserError('narrator.moderation-unavailable', msg('llm.moderation.unavailable'));

export function createModeration(
  endpoint: LiveEndpoint,
  model: string,
  logger: Logger,
  options: { timeoutMs: number },
): Moderate {
  return async (texts, stage, signal) => {
    const input = texts.filter((text): text is string => Boolean(text?.trim()));
    if (input.length === 0) return;
    let answer: unknown;
    try {
      answer = await endpoint.client.moderations.create(
        { model, input },
        { signal, maxRetries: 1, timeout: options.timeoutMs },
      );
    } catch (error) {
      if (signal?.aborted) throw signal.reason ?? error;
      logger.error({ err: error, endpoint: endpoint.label, stage }, 'moderation request failed');
      throw unavailable();
    }
    const parsed = moderationAnswerSchema.safeParse(answer);
    if (!parsed.success || parsed.data.results.length !== input.length) {
      logger.error(
        {
          endpoint: endpoint.label,
          stage,
          inputs: input.length,
          problem: parsed.success
            ? `${parsed.data.results.length} results for ${input.length} inputs`
            : z.prettifyError(parsed.error),
        },
        'moderation answer is not usable',
      );
      throw unavailable();
    }
    const { results } = parsed.data;
    const categories = new Set<string>();
    for (const result of results.filter((r) => r.flagged)) {
      for (const [name, hit] of Object.entries(result.categories))
        if (hit) categories.add(name.replace(/[/_-]/g, ' '));
    }
    if (results.some((r) => r.flagged)) {
      // Category names are the moderation API's own words ("hate", "self harm"), shown as they are.
      const shown = [...categories].slice(0, 3);
      const why = { count: shown.length, categories: shown.join(', ') };
      logger.info({ stage, categories: [...categories] }, 'moderation flagged text');
      throw new UserError(
        'narrator.moderation',
        msg(stage === 'input' ? 'llm.moderation.flagged-request' : 'llm.moderation.flagged-output', why),
      );
    }
  };
}
