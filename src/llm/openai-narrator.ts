// The narrator on any OpenAI-compatible server: assembles the prompt within the budget, streams the reply's
// readable text to onText, validates the JSON with the task's schema (one repair attempt), and goes through
// the endpoints' retries and fallbacks. It only resolves with a complete, valid result; the engine stores
// nothing unless it does.
import { msg } from '../i18n/message.ts';
import type { Logger } from '../logger.ts';
import { UserError } from '../story/errors.ts';
import type { Narration, NarrationOptions, Narrator } from '../story/narrator.ts';
import type { RoomState, TokenUsage } from '../story/types.ts';
import { recapTask, reviewTask } from './audience-tasks.ts';
import { type CallContext, callEndpoints } from './call-endpoints.ts';
import { createFieldStreamer } from './json-field-streamer.ts';
import { createLiveEndpoint, type LiveEndpoint } from './live-endpoint.ts';
import type { LlmConfig } from './llm-config.ts';
import { createModeration, type Moderate } from './moderation.ts';
import {
  beatTask,
  characterTask,
  critiqueTask,
  lineTask,
  optionsTask,
  sceneTask,
  summaryTask,
  type TaskSpec,
} from './narration-tasks.ts';
import { parseModelJson } from './parse-model-json.ts';
import { assemblePrompt, type ChatMessage } from './prompt/assemble-prompt.ts';
import { type MemoryOptions, summaryDue } from './prompt/memory-plan.ts';
import { renderBeat } from './prompt/render-beats.ts';
import { capText } from './prompt/story-material.ts';
import { estimateMessagesTokens, estimateTokens } from './prompt/token-estimate.ts';
import { DEFAULT_RETRY, type RetryPolicy, type Sleep, sleep } from './retry-policy.ts';
import { sceneCardTask } from './scene-card-task.ts';

export interface OpenAiNarratorDeps {
  logger: Logger;
  /** Waits between retries; tests pass one that returns at once. */
  sleep?: Sleep | undefined;
  random?: (() => number) | undefined;
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>> | undefined;
  memory?: MemoryOptions | undefined;
  fetch?: typeof fetch | undefined;
  /** Told of every request sent to a model server (for metrics). */
  onRequest?: CallContext['onRequest'];
}

const INVALID = new UserError('narrator.invalid', msg('llm.narrator.invalid'));

export function createOpenAiNarrator(config: LlmConfig, deps: OpenAiNarratorDeps): Narrator {
  const { logger } = deps;
  const endpoints: LiveEndpoint[] = config.endpoints.map((endpoint, index) =>
    createLiveEndpoint(endpoint, index === 0 ? 'primary' : `fallback ${index}`, {
      replyMs: config.timeouts.replyMs,
      fetch: deps.fetch,
    }),
  );
  const primary = endpoints[0];
  if (!primary) throw new Error('the LLM narrator needs at least one endpoint');
  const ctx: CallContext = {
    endpoints,
    retry: { ...DEFAULT_RETRY, ...deps.retry, maxRetries: config.maxRetries },
    timeouts: config.timeouts,
    sleep: deps.sleep ?? sleep,
    random: deps.random ?? Math.random,
    logger,
    onRequest: deps.onRequest,
  };
  const budget = {
    contextTokens: config.contextTokens,
    maxReplyTokens: config.maxReplyTokens,
    memory: deps.memory,
  };
  const moderation = config.moderation;
  const moderationEndpoint = moderation?.baseURL
    ? createLiveEndpoint(
        {
          ...primary.config,
          baseURL: moderation.baseURL,
          apiKey: moderation.apiKey ?? primary.config.apiKey,
        },
        'moderation',
        { replyMs: config.timeouts.replyMs, fetch: deps.fetch },
      )
    : primary;
  const moderate: Moderate | undefined = moderation
    ? // A moderation answer is one short response: the first-token timeout bounds it, not the reply's.
      createModeration(moderationEndpoint, moderation.model, logger, {
        timeoutMs: config.timeouts.firstTokenMs,
      })
    : undefined;
  const warnedModels = new Set<string>();

  function modelFor(room: RoomState) {
    return (endpoint: LiveEndpoint, index: number) => {
      const wanted = room.settings.model;
      if (index !== 0 || !wanted) return endpoint.config.model;
      if (config.allowedModels.includes(wanted)) return wanted;
      if (!warnedModels.has(wanted)) {
        warnedModels.add(wanted);
        logger.warn(
          { roomId: room.id, model: wanted },
          'room model is not in LLM_MODELS_ALLOWED; using the default',
        );
      }
      return endpoint.config.model;
    };
  }

  async function run<Raw, Out>(
    room: RoomState,
    task: TaskSpec<Raw, Out>,
    options: NarrationOptions | undefined,
    check: { input?: (string | undefined)[]; output?: (out: Out) => string[] } = {},
  ): Promise<Narration<Out>> {
    const signal = options?.signal;
    if (moderate && check.input) await moderate(check.input, 'input', signal);
    const prompt = assemblePrompt(room, task, budget);
    // With moderation on, nothing is shown before the output passed the check.
    const hold = Boolean(moderate);
    let held = '';
    let streamer = task.stream ? createFieldStreamer(task.stream) : undefined;
    let shown = false;
    const onContent = (delta: string) => {
      const text = streamer?.(delta);
      if (!text) return;
      if (hold) held += text;
      else {
        shown = true;
        options?.onText?.(text);
      }
    };
    const restart = () => {
      streamer = task.stream ? createFieldStreamer(task.stream) : undefined;
      held = '';
      if (shown) options?.onRestart?.();
      shown = false;
    };
    const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
    const ask = async (messages: ChatMessage[]) => {
      const result = await callEndpoints(
        ctx,
        {
          messages,
          schema: task.schema,
          schemaName: task.name,
          maxTokens: config.maxReplyTokens,
          temperature: config.temperature,
        },
        { modelFor: modelFor(room), signal, onContent, onRestart: restart },
      );
      usage.promptTokens += result.usage?.promptTokens ?? estimateMessagesTokens(messages);
      usage.completionTokens += result.usage?.completionTokens ?? estimateTokens(result.content);
      return result;
    };
    const validate = (content: string) => {
      const parsed = parseModelJson(content, task.schema);
      return parsed.ok ? task.finish(parsed.value) : parsed;
    };

    const first = await ask(prompt.messages);
    let model = first.model;
    let result = validate(first.content);
    if (!result.ok) {
      logger.warn(
        { roomId: room.id, task: task.name, model, problem: result.problem },
        'invalid model output; asking for a repair',
      );
      restart();
      const second = await ask([
        ...prompt.messages,
        { role: 'assistant', content: capText(first.content, 3000) },
        {
          role: 'user',
          content: `That reply could not be used: ${result.problem}. Answer again with only the JSON object the task describes, nothing else.`,
        },
      ]);
      model = second.model;
      result = validate(second.content);
      if (!result.ok) {
        logger.warn(
          { roomId: room.id, task: task.name, model, problem: result.problem },
          'invalid model output after repair',
        );
        throw INVALID;
      }
    }
    if (signal?.aborted) throw signal.reason;
    if (moderate && check.output) await moderate(check.output(result.value), 'output', signal);
    if (hold && held) options?.onText?.(held);
    return { output: result.value, usage, model };
  }

  return {
    models: config.allowedModels,
    ...(moderate && {
      checkText: (texts: readonly (string | undefined)[], options?: { signal?: AbortSignal }) =>
        moderate([...texts], 'input', options?.signal),
    }),
    writeBeat: (request, options) =>
      run(request.room, beatTask(request), options, {
        input: [request.direction],
        output: (beat) => [beat.text],
      }),
    writeLine: (request, options) =>
      run(request.room, lineTask(request), options, {
        input: [request.direction],
        output: (line) => [line.text],
      }),
    proposeOptions: (request, options) =>
      run(request.room, optionsTask(request), options, {
        input: [request.direction],
        output: (list) => [list.join('\n')],
      }),
    proposeScene: (request, options) =>
      run(request.room, sceneTask(request), options, {
        input: [request.direction],
        output: (scene) => [`${scene.heading}\n${scene.description}`],
      }),
    designCharacter: (request, options) =>
      run(request.room, characterTask(request), options, {
        input: [request.hint],
        output: (c) => [[c.name, c.look, c.personality, c.backstory, c.sampleLine].join('\n')],
      }),
    designScene: (request, options) =>
      run(request.room, sceneCardTask(request), options, {
        input: [request.heading, request.notes],
        output: (card) => [
          [card.location, card.timeOfDay, card.atmosphere, card.lighting, card.sounds, ...card.props]
            .concat(card.present.map((person) => `${person.name}: ${person.wants}`))
            .join('\n'),
        ],
      }),
    critique: (request, options) => run(request.room, critiqueTask(request), options),
    recap: (request, options) =>
      run(request.room, recapTask(request), options, { output: (recap) => [recap.text] }),
    review: (request, options) =>
      run(request.room, reviewTask(request), options, {
        output: (r) => [
          [r.logline, r.synopsis, ...r.strengths, ...r.weaknesses, r.pullQuote, r.forYou].join('\n'),
        ],
      }),
    // The same memory settings the prompt is assembled with decide when the window has moved past the summary.
    summaryDue: (room) => summaryDue(room, deps.memory),

    async summarize(request, options) {
      // Fold in chunks that fit the prompt beside the bible and the summary so far.
      const limit = Math.floor((config.contextTokens - config.maxReplyTokens) * 0.4);
      let previous = request.previous;
      const usage: TokenUsage = { promptTokens: 0, completionTokens: 0 };
      let model = primary.config.model;
      let chunk: typeof request.beats = [];
      let tokens = 0;
      const fold = async () => {
        const done = await run(request.room, summaryTask(request.room, { previous, beats: chunk }), options);
        previous = done.output.text;
        usage.promptTokens += done.usage.promptTokens;
        usage.completionTokens += done.usage.completionTokens;
        model = done.model;
        chunk = [];
        tokens = 0;
      };
      for (const beat of request.beats) {
        const size = renderBeat(beat, request.room).tokens;
        if (chunk.length > 0 && tokens + size > limit) await fold();
        chunk.push(beat);
        tokens += size;
      }
      if (chunk.length > 0 || previous === undefined) await fold();
      return { output: { text: previous ?? '' }, usage, model };
    },
  };
}
