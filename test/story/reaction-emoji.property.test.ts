// Reading an emoji from a platform or a person: hostile input terminates quickly, and what comes out is one
// emoji or a short name, or nothing; the table maps common names of every platform to one emoji.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../src/story/errors.ts';
import { EMOJI_NAME_MAX, normalizeEmoji, sentimentOf } from '../../src/story/reaction-emoji.ts';
import { findBeat } from '../../src/story/reactions.ts';
import { hostileText, withinBound } from '../helpers/hostile-text.ts';
import { shownText } from '../helpers/user-error.ts';
import { roomBuilder } from '../llm/fixtures.ts';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

describe('normalizeEmoji', () => {
  it('maps the platforms’ forms of one emoji to one, and reads how it is meant', () => {
    for (const form of ['👍', '👍🏽', '+1', ':+1:', 'thumbsup', ':thumbsup:', '+1::skin-tone-4', 'THUMBSUP'])
      expect(normalizeEmoji(form), form).toBe('👍');
    for (const form of ['❤️', '❤', ':heart:', 'heart']) expect(normalizeEmoji(form), form).toBe('❤');
    expect(normalizeEmoji('<:Party_Parrot:1600000000000000001>')).toBe('party_parrot');
    expect(normalizeEmoji('<a:dance:1600000000000000002>')).toBe('dance');
    expect(normalizeEmoji('👩‍👩‍👧')).toBe('👩‍👩‍👧');
    expect(normalizeEmoji('🇫🇷')).toBe('🇫🇷');
    expect(sentimentOf('👍')).toBe('positive');
    expect(sentimentOf(normalizeEmoji('-1') ?? '')).toBe('negative');
    expect(sentimentOf(normalizeEmoji(':sleeping:') ?? '')).toBe('negative');
    expect(sentimentOf(normalizeEmoji('🤔') ?? '')).toBe('neutral');
    expect(sentimentOf('party_parrot')).toBe('neutral');
  });

  it('refuses words with spaces or punctuation, several emoji, and object keys', () => {
    for (const text of [
      '',
      ' ',
      'two words',
      'wow!',
      '👍👎',
      '👍 fire',
      '__proto__',
      ':__proto__:',
      'a'.repeat(65),
    ])
      expect(normalizeEmoji(text), text).toBeUndefined();
  });

  it('on hostile text, ends quickly with one emoji, a short name, or nothing', () => {
    fc.assert(
      fc.property(hostileText({ maxLength: 500 }), (text) => {
        const emoji = withinBound(() => normalizeEmoji(text), 'normalizeEmoji');
        if (emoji === undefined) return;
        const pictographic = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u.test(emoji);
        if (pictographic) expect([...graphemes.segment(emoji)]).toHaveLength(1);
        else expect(emoji).toMatch(new RegExp(`^[\\p{L}\\p{N}_+'-]{1,${EMOJI_NAME_MAX}}$`, 'u'));
        expect(emoji).not.toBe('__proto__');
        // Normalizing is stable: a stored emoji reads back as itself.
        expect(normalizeEmoji(emoji)).toBe(emoji);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('findBeat', () => {
  it('on hostile text, ends quickly with a beat or a readable refusal', () => {
    const builder = roomBuilder();
    for (let i = 0; i < 30; i++) builder.beat(`Beat ${i}.`);
    const { room } = builder;
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText({ maxLength: 300 }),
          fc.constantFrom('last', ' 3 ', 'b5', '0', '31', '__proto__', 'constructor'),
        ),
        (ref) => {
          try {
            const found = withinBound(() => findBeat(room, ref), 'findBeat');
            expect(Object.hasOwn(room.beats, found.beat.id)).toBe(true);
          } catch (error) {
            expect(isUserError(error)).toBe(true);
            if (isUserError(error)) expect(shownText(error, 'en').length).toBeLessThan(200);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
