import { describe, expect, it } from 'vitest';
import { llmConfigSchema } from '../../src/llm/llm-config.ts';

const issues = (env: Record<string, string>) => {
  const result = llmConfigSchema.safeParse(env);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('LLM settings from the environment', () => {
  it('leaves the offline narrator in charge without LLM_MODEL', () => {
    expect(llmConfigSchema.parse({})).toMatchObject({ enabled: false, endpoints: [], contextTokens: 8192 });
  });

  it('defaults to OpenAI’s API with OpenAI’s capabilities when only a key and model are set', () => {
    const config = llmConfigSchema.parse({ LLM_API_KEY: 'sk-test', LLM_MODEL: 'gpt-4o-mini' });
    expect(config.endpoints).toEqual([
      {
        baseURL: undefined,
        apiKey: 'sk-test',
        model: 'gpt-4o-mini',
        server: 'openai',
        capabilities: {
          structuredOutput: 'json_schema',
          streamUsage: true,
          maxTokensParam: 'max_completion_tokens',
          moderation: true,
        },
      },
    ]);
    expect(config.allowedModels).toEqual(['gpt-4o-mini']);
  });

  it('takes server defaults, overrides, fallbacks and the allow-list', () => {
    const config = llmConfigSchema.parse({
      LLM_BASE_URL: 'http://localhost:11434/v1',
      LLM_MODEL: 'llama3.1',
      LLM_SERVER: 'ollama',
      LLM_STRUCTURED_OUTPUT: 'json_object',
      LLM_STREAM_USAGE: 'off',
      LLM_FALLBACKS: JSON.stringify([{ baseUrl: 'http://gpu2:8000/v1', model: 'qwen', server: 'vllm' }]),
      LLM_MODELS_ALLOWED: 'llama3.1:70b, mistral',
      LLM_MODERATION: 'on',
      LLM_MODERATION_BASE_URL: 'https://api.openai.com/v1',
      LLM_MODERATION_API_KEY: 'sk-mod',
      LLM_CONTEXT_TOKENS: '32768',
      LLM_MAX_REPLY_TOKENS: '2048',
    });
    expect(
      config.endpoints.map((e) => [
        e.server,
        e.model,
        e.apiKey,
        e.capabilities.structuredOutput,
        e.capabilities.streamUsage,
      ]),
    ).toEqual([
      ['ollama', 'llama3.1', 'not-needed', 'json_object', false],
      ['vllm', 'qwen', 'not-needed', 'json_schema', true],
    ]);
    expect(config.allowedModels).toEqual(['llama3.1', 'llama3.1:70b', 'mistral']);
    expect(config.moderation).toEqual({
      model: 'omni-moderation-latest',
      baseURL: 'https://api.openai.com/v1',
      apiKey: 'sk-mod',
    });
    expect(config).toMatchObject({ contextTokens: 32768, maxReplyTokens: 2048 });
  });

  it('names the variable and what it expects when a value is wrong', () => {
    expect(issues({ LLM_MODEL: 'x', LLM_BASE_URL: 'localhost:8000' })).toEqual([
      expect.stringMatching(/^LLM_BASE_URL: expected an http\(s\) URL/),
    ]);
    expect(issues({ LLM_MODEL: 'x' })).toEqual([expect.stringMatching(/^LLM_API_KEY: required for OpenAI/)]);
    expect(issues({ LLM_BASE_URL: 'http://localhost:8000/v1' })).toEqual([
      expect.stringMatching(/^LLM_MODEL: required/),
    ]);
    expect(issues({ LLM_MODEL: 'x', LLM_API_KEY: 'k', LLM_SERVER: 'tgi' })).toEqual([
      expect.stringMatching(/^LLM_SERVER: expected one of: openai, vllm/),
    ]);
    expect(issues({ LLM_MODEL: 'x', LLM_API_KEY: 'k', LLM_FALLBACKS: '[{nope' })).toEqual([
      expect.stringMatching(/^LLM_FALLBACKS: expected a JSON array/),
    ]);
    expect(
      issues({
        LLM_MODEL: 'x',
        LLM_BASE_URL: 'http://gpu:8000/v1',
        LLM_SERVER: 'vllm',
        LLM_MODERATION: 'on',
      }),
    ).toEqual([
      expect.stringMatching(/^LLM_MODERATION: vllm has no moderation API: set LLM_MODERATION_BASE_URL/),
    ]);
    expect(issues({ LLM_MODEL: 'x', LLM_API_KEY: 'k', LLM_MAX_REPLY_TOKENS: '6000' })).toEqual([
      expect.stringMatching(/^LLM_MAX_REPLY_TOKENS: must be at most half of LLM_CONTEXT_TOKENS/),
    ]);
  });
});
