import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from '../src/config.ts';

describe('config', () => {
  it('runs on embedded defaults with an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      STORE_URL: 'sqlite://./data/storyroom.sqlite',
      LOG_LEVEL: 'info',
    });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ STORE_URL: '', LOG_LEVEL: '' }).STORE_URL).toBe('sqlite://./data/storyroom.sqlite');
  });

  it('accepts every STORE_URL form .env.example documents, options included', () => {
    for (const url of [
      'memory:',
      'memory:?namespace=test',
      'sqlite://./data/x.sqlite?synchronous=full&namespace=a',
      'redis://127.0.0.1:6379?namespace=b',
      'postgres://localhost/test?table=rooms',
    ]) {
      expect(loadConfig({ STORE_URL: url }).STORE_URL).toBe(url);
    }
    expect(() => loadConfig({ STORE_URL: 'memory:anything' })).toThrow(ConfigError);
  });

  it('stops with a message naming the bad variable and what it expects, without echoing the value', () => {
    let error: unknown;
    try {
      loadConfig({ STORE_URL: 'mysql://user:hunter2@db', NARRATOR_SEED: 'abc' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/STORE_URL: expected memory:, sqlite:\/\/<path>/);
    expect(message).toMatch(/NARRATOR_SEED: expected a whole number/);
    expect(message).not.toContain('hunter2');
  });

  it('is documented in .env.example, one entry per variable, each with a comment above it', () => {
    const lines = readFileSync(new URL('../.env.example', import.meta.url), 'utf8').split('\n');
    const documented = lines.flatMap((line, index) => {
      const name = /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
      if (!name) return [];
      let above = index - 1;
      while (above >= 0 && /^[A-Z][A-Z0-9_]*=/.test(lines[above] ?? '')) above -= 1;
      expect(lines[above], `${name} needs a comment`).toMatch(/^#/);
      return [name];
    });
    expect([...documented].sort()).toEqual([...configVariables()].sort());
  });

  it('reports problems in every part (storage, model, Discord) together', () => {
    expect(() =>
      loadConfig({ LOG_LEVEL: 'loud', LLM_CONTEXT_TOKENS: 'many', DISCORD_GUILD_ID: 'abc' }),
    ).toThrow(/LOG_LEVEL[\s\S]*DISCORD_GUILD_ID[\s\S]*LLM_CONTEXT_TOKENS/);
  });
});
