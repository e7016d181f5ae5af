// Property tests for the text normalizer and the confusable skeleton: hostile Unicode of every kind must come
// out fast, stable, visible, and never silently empty.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confusableSkeleton, looksAlike } from '../../src/story/confusable-skeleton.ts';
import { foldKey, normalizeLabel, normalizeProse, onlyInvisible } from '../../src/story/normalize-text.ts';

const NUM_RUNS = 2000;
/** Per call; generous for a shared machine, far below what a quadratic pass takes on inputs of 36,000 chars. */
const CALL_MS = 250;

/** Characters that hide or reorder text: zero-width, joiners, bidi embeddings/overrides/isolates, marks. */
const INVISIBLES = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u034f',
  '\u180e',
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u2061',
  '\u2064',
  '\u206a',
  '\u206f',
  '\ufff9',
  '\ufffb',
  '\u3164',
  '\u115f',
  '\u1160',
  '\uffa0',
  '\u{e0001}',
  '\u{e0041}',
  '\u{1d173}',
  '\ufe0f',
  '\ufe00',
  '\u{e0100}',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u009b',
];
const BIDI_AND_ZERO_WIDTH =
  /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u3164\u115f\u1160\uffa0\u180e\p{Cc}\p{Cs}\u206a-\u206f\ufff9-\ufffb\u{e0001}]|\u034f|[\u{1d173}-\u{1d17a}]/u;

const pieces = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom(...INVISIBLES) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '张伟',
      '李小龙',
      '東京',
      '👩‍💻',
      '👨‍👩‍👧‍👦',
      '🏳️‍🌈',
      '🧑🏽‍🚀',
      '1️⃣',
      '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}',
      'می‌خواهم',
      'क्‍ष',
      'e\u0301',
      'a\u0300\u0301\u0302\u0303',
      'Ｖｅｒａ',
      '\u2028',
      '\u2029',
      '\r\n',
      '\t',
      '\u3000',
      '\u2800',
      'Vera',
      'Vеra',
      '\ud800',
      '\udfff',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom('~', 'x', '\u200b', '字', '\u0301'), maxLength: 3000 }),
  },
);
const hostile = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(''));

const within = (ms: number, run: () => void) => {
  const started = performance.now();
  run();
  return performance.now() - started < ms;
};

describe('normalizeLabel and normalizeProse (property tests)', () => {
  it('return fast, are idempotent and leave no invisible, bidi or control character', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        for (const normalize of [normalizeLabel, normalizeProse]) {
          let once = '';
          expect(within(CALL_MS, () => (once = normalize(text)))).toBe(true);
          expect(normalize(once)).toBe(once);
          expect(once).toBe(once.normalize('NFC'));
          // Prose keeps its line breaks and tabs; nothing else invisible survives.
          expect(once.replace(/[\n\t]/g, '')).not.toMatch(BIDI_AND_ZERO_WIDTH);
          expect(once).toBe(once.trim());
        }
        const label = normalizeLabel(text);
        expect(label).not.toMatch(/[\n\r\t\u2028\u2029]| {2}/);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never empty a name that had something visible, and say so when all of it was invisible', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const label = normalizeLabel(text);
        const visible = [...text].some(
          // The braille blank (U+2800) draws nothing: it counts as a space.
          (char) =>
            /[\p{L}\p{N}\p{P}\p{S}]/u.test(char) &&
            char !== '\u2800' &&
            !/\p{Default_Ignorable_Code_Point}/u.test(char),
        );
        if (visible) expect(label.length).toBeGreaterThan(0);
        // Empty output from non-blank input is always reported, so it can be refused with a reason.
        if (label.length === 0)
          expect(onlyInvisible(text, label)).toBe(text.replace(/[\s\u0085\u2800]/g, '').length > 0);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('keep letters, digits, CJK and emoji as they are, in order', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        const kept = (s: string) =>
          [...s.normalize('NFD')].filter(
            (c) =>
              /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(c) &&
              !/\p{Default_Ignorable_Code_Point}/u.test(c),
          );
        expect(kept(normalizeLabel(text))).toEqual(kept(text));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('long input', () => {
  it('normalizes and skeletonizes 200,000 characters of mixed invisibles, marks and CJK in linear time', () => {
    const unit = 'V\u200be\u202er\u0301a字👩‍💻\u2028\u200d\u{e0041}~ ';
    const text = unit.repeat(Math.ceil(200_000 / unit.length));
    const started = performance.now();
    const label = normalizeLabel(text);
    normalizeProse(text);
    confusableSkeleton(label);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(label).not.toMatch(/[\u200b\u202e\u2028\u{e0041}]/u);
  });

  it('decides a long run of tag characters after a flag once, not once per character', () => {
    // A flag then 10,000 tag characters, unclosed and closed: each tag once rescanned the whole run (10 s
    // for 8,000).
    const tags = '\u{e0041}'.repeat(10_000);
    const unclosed = `🏴${tags} and 🏴${tags}x`;
    const closed = `🏴${tags}\u{e007f}`;
    const started = performance.now();
    const dropped = normalizeLabel(unclosed);
    const kept = normalizeProse(closed);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(dropped).toBe('🏴 and 🏴x');
    expect(kept).toBe(closed);
  });
});

describe('normalizeLabel, by example', () => {
  it.each([
    ['Ve\u200bra', 'Vera'],
    ['\u202eareV\u202c', 'areV'],
    ['  Vera \t\n  Smith  ', 'Vera Smith'],
    ['Vera\u2028lock', 'Vera lock'],
    ['e\u200b\u0301', '\u00e9'],
    ['张\u200b伟', '张伟'],
    ['\u2067עברית\u2069', 'עברית'],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });

  it.each([
    ['an emoji ZWJ sequence', '👩‍💻'],
    ['a family', '👨‍👩‍👧‍👦'],
    ['a flag with VS16 and ZWJ', '🏳️‍🌈'],
    ['a keycap', '1️⃣'],
    ["Scotland's tag sequence", '🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}'],
    ['ZWNJ in Persian', 'می‌خواهم'],
    ['ZWJ in a Devanagari conjunct', 'क्‍ष'],
    ['a Chinese name', '欧阳娜娜'],
    ['a Japanese name', 'やまだ たろう'],
  ])('keeps %s', (_, text) => {
    expect(normalizeLabel(text)).toBe(text);
  });

  it('keeps line breaks in prose, as "\\n"', () => {
    expect(normalizeProse(' one\r\ntwo\u2028three\u2029four\rfive ')).toBe('one\ntwo\nthree\nfour\nfive');
  });
});

describe('foldKey', () => {
  it('compares names without case, width or invisibles', () => {
    for (const same of ['vera', 'VERA', 'Ｖｅｒａ', 'Ve\u200bra', 'V\u200dera'])
      expect(foldKey(same)).toBe('vera');
    expect(foldKey('Straße')).toBe(foldKey('STRASSE'));
    expect(foldKey('ΟΔΥΣΣΕΥΣ')).toBe(foldKey('οδυσσευς'));
  });
});

describe('confusableSkeleton (property tests)', () => {
  it('returns fast and is stable: the skeleton of a skeleton is itself, and equal strings look alike', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        let skeleton = '';
        expect(within(CALL_MS, () => (skeleton = confusableSkeleton(text)))).toBe(true);
        expect(confusableSkeleton(skeleton)).toBe(skeleton);
        expect(looksAlike(text, text)).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('sees through Latin letters swapped for Cyrillic or Greek ones', () => {
    const swaps: Record<string, string> = {
      a: 'а',
      e: 'е',
      o: 'о',
      p: 'р',
      c: 'с',
      x: 'х',
      y: 'у',
      A: 'А',
      B: 'В',
      E: 'Е',
      H: 'Н',
      K: 'К',
      M: 'М',
      O: 'О',
      P: 'Р',
      T: 'Т',
      X: 'Х',
      V: 'Ѵ',
    };
    const latin = fc.string({
      unit: fc.constantFrom(...Object.keys(swaps), 'r', 'n', 's'),
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(latin, fc.nat(), (name, at) => {
        const chars = [...name];
        const index = at % chars.length;
        chars[index] = swaps[chars[index] ?? ''] ?? chars[index] ?? '';
        expect(looksAlike(name, chars.join(''))).toBe(true);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('tells different names apart, Chinese ones included', () => {
    expect(looksAlike('Vera', 'Vero')).toBe(false);
    expect(looksAlike('张伟', '张三')).toBe(false);
    expect(looksAlike('李娜', '李娜')).toBe(true);
    expect(looksAlike('Vera', 'V\u0435ra')).toBe(true);
    expect(looksAlike('Vera', 'v\u0435ra')).toBe(true);
  });
});
