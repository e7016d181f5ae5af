import { describe, expect, it } from 'vitest';
import { estimateMessagesTokens, estimateTokens } from '../../src/llm/prompt/token-estimate.ts';

describe('token estimates without a tokenizer', () => {
  it('counts English at about four characters a token', () => {
    const text = 'The rain keeps falling on the tin roof while nobody speaks.';
    expect(estimateTokens(text)).toBe(Math.ceil(text.length / 4));
  });

  it('counts CJK characters as a token each, other letters at two characters a token, emoji as two', () => {
    expect(estimateTokens('雨一直下着')).toBe(5);
    expect(estimateTokens('こんにちは')).toBe(5);
    expect(estimateTokens('привет')).toBe(3);
    expect(estimateTokens('🙂🙂')).toBe(4);
    expect(estimateTokens('Vera说：走！')).toBe(1 + 4);
  });

  it('adds each message’s framing', () => {
    expect(estimateMessagesTokens([{ content: '' }, { content: 'abcd' }])).toBe(3 + 4 + 4 + 1);
  });
});
