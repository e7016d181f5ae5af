import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

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
});
