// The style profile's statistics, on passages whose figures can be counted by hand.
import { describe, expect, it } from 'vitest';
import {
  beatsAsProse,
  profileOf,
  splitSentences,
  styleDistance,
  tokensOf,
} from '../../src/story/style-profile.ts';

describe('style profile', () => {
  it('counts words per sentence in English, and sentence ends only before a space or the end', () => {
    const profile = profileOf('The rain stops. Vera waits at 3.15 for Sam! Nobody comes?');
    expect(profile.unit).toBe('words');
    expect(profile.sentences).toBe(3);
    // 3 + 7 ("3" and "15" are two tokens) + 2
    expect(profile.tokens).toBe(12);
    expect(profile.meanSentenceLength).toBe(4);
  });

  it('counts characters per sentence in Chinese, split at 。！？ without spaces', () => {
    const profile = profileOf('雨停了。她在等。谁也没来！');
    expect(profile.unit).toBe('characters');
    expect(profile.sentences).toBe(3);
    expect(profile.tokens).toBe(10);
    expect(profile.meanSentenceLength).toBeCloseTo(10 / 3, 2);
  });

  it('keeps apostrophes inside words and ends a sentence after closing quotes', () => {
    expect(tokensOf("Don't say it, Vera’s")).toEqual(["don't", 'say', 'it', 'vera’s']);
    expect(splitSentences('“Go.” She went.\nHome')).toEqual(['“Go.”', ' She went.', '\n', 'Home']);
  });

  it('measures the share of text inside “”, 「」 and straight quotes', () => {
    expect(profileOf('“Run,” she said.').dialogueShare).toBeCloseTo(4 / 12, 3);
    expect(profileOf('「快跑」他说。').dialogueShare).toBeCloseTo(2 / 5, 3);
    expect(profileOf('"Stay" now').dialogueShare).toBeCloseTo(4 / 7, 3);
    expect(profileOf('No quotes at all.').dialogueShare).toBe(0);
  });

  it('closes a quote left open at the line break', () => {
    expect(profileOf('“Open\nshut').dialogueShare).toBeCloseTo(4 / 8, 3);
  });

  it('uses the moving-average type-token ratio, so repetition lowers it whatever the length', () => {
    const varied = profileOf('alpha beta gamma delta epsilon zeta eta theta iota kappa.');
    expect(varied.typeTokenRatio).toBe(1);
    const repeated = profileOf('the cat '.repeat(200));
    expect(repeated.typeTokenRatio).toBeCloseTo(2 / 50, 3);
  });

  it('lists the function words used, most frequent first, per 100 tokens', () => {
    const profile = profileOf('The man and the dog and the cat.');
    expect(profile.functionWords).toEqual([
      { word: 'the', per100: 37.5 },
      { word: 'and', per100: 25 },
    ]);
    expect(profileOf('他的书和她的笔。').functionWords.map((use) => use.word)).toEqual([
      '的',
      '和',
      '他',
      '她',
    ]);
  });

  it('gives an empty profile for text without words', () => {
    expect(profileOf('... —— !!!')).toEqual({
      unit: 'words',
      tokens: 0,
      sentences: 0,
      meanSentenceLength: 0,
      dialogueShare: 0,
      typeTokenRatio: 0,
      functionWords: [],
    });
  });

  it('reads beats as prose: actions as they are, lines in quotes, no headings or transitions', () => {
    expect(
      beatsAsProse([
        { kind: 'scene', text: 'INT. DINER - NIGHT' },
        { kind: 'action', text: 'Vera waits.' },
        { kind: 'dialogue', text: 'Not\nyet.' },
        { kind: 'transition', text: 'CUT TO:' },
      ]),
    ).toBe('Vera waits.\n“Not yet.”');
  });
});

describe('style distance', () => {
  const terse = profileOf('He ran. It was cold. The car would not start. He walked.');
  const ornate = profileOf(
    'In the long violet hour before the lamps were lit along the harbour, when the gulls had gone quiet and the water lay flat as hammered pewter, she walked the length of the pier without once looking back at the town that had made her.',
  );

  it('is 0 between a profile and itself and symmetric', () => {
    expect(styleDistance(terse, terse).total).toBe(0);
    expect(styleDistance(terse, ornate)).toEqual(styleDistance(ornate, terse));
  });

  it('counts sentences four times as long as wholly different, and caps each part at 1', () => {
    const distance = styleDistance(terse, ornate);
    expect(distance.sentenceLength).toBe(1);
    expect(distance.total).toBeGreaterThan(0.3);
    expect(distance.total).toBeLessThanOrEqual(1);
  });

  it('finds a passage closer to one in its own manner than to one in another', () => {
    const terseToo = profileOf('She left. The door shut. Nobody spoke. The dog slept on.');
    expect(styleDistance(terse, terseToo).total).toBeLessThan(styleDistance(ornate, terseToo).total);
  });

  it('counts function words of different languages as nothing in common', () => {
    expect(styleDistance(terse, profileOf('他走了。天很冷。')).functionWords).toBe(1);
  });
});
