// Text from people and models at its worst, as fast-check arbitraries for property tests: any Unicode (lone
// surrogates included), long unbroken runs, CJK without spaces, emoji with ZWJ and skin tones, combining marks,
// markdown specials, quote and list prefixes, and lengths around a limit. Plus a time bound for each call.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Beat, BeatKind, Vote, VoteStatus } from '../../src/story/types.ts';

/** Characters that mean something to Discord markdown, Slack mrkdwn or our own grammar. */
export const MARKDOWN_SPECIALS = [...'*_~|`>\\#-[]()<>@!:.1 \n'];

const EMOJI = ['😀', '👩‍👩‍👧', '👍🏽', '🏳️‍🌈', '🇫🇷', '🇺🇸🇫🇷', '❤️', '1️⃣', '🧑🏿‍🚀'];
const COMBINING = ['e\u0301', 'a\u0308\u0323', 'n\u0303', '\u0301', '\u200d', '\u200b', '\u202e', '\ufe0f'];
const PREFIXES = ['> ', '>>> ', '- ', '* ', '1. ', '# ', '## ', '-# ', '```', '    ', '\t', '> > ', '\\> '];

const cjk = fc.integer({ min: 0x4e00, max: 0x9fff }).map((code) => String.fromCodePoint(code));
const kana = fc.integer({ min: 0x3040, max: 0x30ff }).map((code) => String.fromCodePoint(code));
const astral = fc.integer({ min: 0x10000, max: 0x10ffff }).map((code) => String.fromCodePoint(code));

/** One character (or short sequence) to repeat into a long unbroken run. */
const runUnit = fc.oneof(
  fc.constantFrom('x', '~', '|', '`', '\\', '*_', '中', '😀', 'e\u0301', '👩‍👩‍👧', '>', ' ', '\n', '\\*'),
  cjk,
  astral,
);

/** A run of one unit repeated up to `max` characters (10,000 by default). */
export const longRun = (max = 10_000) =>
  fc
    .tuple(runUnit, fc.integer({ min: 1, max }))
    .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const cjkText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof({ weight: 8, arbitrary: cjk }, kana, fc.constantFrom('。', '，', '「', '」')),
    maxLength,
  });

const emojiAndMarks = (maxLength: number) =>
  fc.array(fc.constantFrom(...EMOJI, ...COMBINING, 'a', ' '), { maxLength }).map((parts) => parts.join(''));

const markdownSoup = (maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...MARKDOWN_SPECIALS), maxLength });

/** Lines with quote, list, heading and code prefixes, as people paste them. */
const prefixedLines = (maxLength: number) =>
  fc
    .array(fc.tuple(fc.constantFrom(...PREFIXES, ''), fc.string({ unit: 'grapheme', maxLength: 80 })), {
      maxLength: Math.max(1, Math.floor(maxLength / 40)),
    })
    .map((lines) => lines.map(([prefix, text]) => prefix + text).join('\n'));

/** Any of the kinds above, or several of them run together. */
export function hostileText(options: { maxLength?: number } = {}): fc.Arbitrary<string> {
  const maxLength = options.maxLength ?? 3000;
  const one = fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    longRun(Math.max(maxLength, 1)),
    cjkText(maxLength),
    emojiAndMarks(Math.floor(maxLength / 2)),
    markdownSoup(maxLength),
    prefixedLines(maxLength),
  );
  return fc.oneof(
    { weight: 3, arbitrary: one },
    fc.array(one, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('').slice(0, maxLength * 2)),
  );
}

/** A single line: hostile text with no line breaks (for options that take one line). */
export const hostileLine = (options: { maxLength?: number } = {}) =>
  hostileText(options).map((text) => text.replace(/[\r\n\u2028\u2029\u0085]/g, ' '));

/** Lengths around each limit: limit-1, limit, limit+1 and twice the limit. */
export const aroundLimits = (...limits: number[]) =>
  fc.constantFrom(
    ...limits.flatMap((limit) => [limit - 1, limit, limit + 1, 2 * limit]).filter((n) => n >= 0),
  );

/** Hostile text cut or padded to exactly one of the lengths around the limits. */
export const textAroundLimits = (...limits: number[]) =>
  fc
    .tuple(hostileText({ maxLength: 2 * Math.max(...limits) }), runUnit, aroundLimits(...limits))
    .map(([text, pad, length]) => {
      const padded =
        text.length >= length ? text : text + pad.repeat(Math.ceil((length - text.length) / pad.length));
      return padded.slice(0, length);
    });

/** The wall-clock bound for one call: far above any linear run, hit only by a hang or quadratic blow-up. */
export const CALL_BOUND_MS = 1500;

/** Runs `call` and fails when it takes longer than the bound (a hang guard, not a performance assertion). */
export function withinBound<T>(call: () => T, what = 'the call', boundMs = CALL_BOUND_MS): T {
  const started = performance.now();
  const result = call();
  const took = performance.now() - started;
  expect(took, `${what} took ${Math.round(took)} ms`).toBeLessThan(boundMs);
  return result;
}

const author = fc.oneof(
  fc.record({
    kind: fc.constant('user' as const),
    id: fc.constant('u1'),
    name: hostileLine({ maxLength: 40 }),
  }),
  fc.record({ kind: fc.constant('narrator' as const), model: fc.string({ maxLength: 40 }) }),
  fc.constant({ kind: 'system' as const }),
);

/** A beat of any kind whose every text field is hostile. */
export const hostileBeat = (options: { maxLength?: number } = {}): fc.Arbitrary<Beat> =>
  fc.record(
    {
      id: fc.constant('b1'),
      parentId: fc.constant(null),
      kind: fc.constantFrom<BeatKind>('scene', 'action', 'dialogue', 'transition'),
      character: fc.oneof(hostileLine({ maxLength: 40 }), hostileText({ maxLength: 40 })),
      parenthetical: fc.oneof(hostileLine({ maxLength: 100 }), hostileText({ maxLength: 100 })),
      text: hostileText(options),
      author,
      at: fc.constant('2026-01-01T00:00:00.000Z'),
      direction: hostileText({ maxLength: 1000 }),
    },
    { requiredKeys: ['id', 'parentId', 'kind', 'text', 'author', 'at'] },
  );

/** A vote with up to five hostile options, in any state, with ballots. */
export const hostileVote = (): fc.Arbitrary<Vote> =>
  fc
    .tuple(
      fc.array(hostileLine({ maxLength: 100 }), { minLength: 2, maxLength: 5 }),
      fc.constantFrom<VoteStatus>('open', 'closed', 'cancelled'),
      fc.constantFrom<'deadline' | 'moderator' | 'quorum'>('deadline', 'moderator', 'quorum'),
      fc.array(fc.nat(4), { maxLength: 30 }),
      fc.integer({ min: 0, max: 2 * 24 * 3600_000 }),
      fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    )
    .map(([options, status, reason, picks, duration, quorum]) => {
      const ballots = Object.fromEntries(picks.map((pick, i) => [`user${i}`, pick % options.length]));
      const tally = options.map(
        (_, option) => picks.filter((pick) => pick % options.length === option).length,
      );
      const winner = picks.length === 0 || reason === 'quorum' ? null : tally.indexOf(Math.max(...tally));
      return {
        id: 'v1',
        options,
        openedBy: { kind: 'user', id: 'u1', name: 'alice' },
        openedAt: '2026-01-01T00:00:00.000Z',
        deadline: new Date(Date.parse('2026-01-01T00:00:00.000Z') + duration).toISOString(),
        quorum,
        ballots,
        status,
        result: status === 'closed' ? { winner, tally, reason } : undefined,
      };
    });

/** Markdown escaping undone: every backslash pair stands for the character after the backslash. */
export const unescapeMarkdown = (text: string) => text.replace(/\\([\s\S])/g, '$1');

/** True when the text is valid UTF-16, or when it was not valid to begin with (nothing to blame on us). */
export const noSurrogateSplit = (output: string, ...inputs: string[]) =>
  wellFormed(output) || inputs.some((input) => !wellFormed(input));

/** No lone surrogate (String.prototype.isWellFormed, which the project's TypeScript lib does not declare). */
const wellFormed = (text: string) => !/\p{Cs}/u.test(text);

/** Every string inside a value (for noSurrogateSplit's inputs). */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
