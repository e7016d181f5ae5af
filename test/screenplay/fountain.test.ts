// The Fountain export, read back by an independent parser (fountain-js): the title page, the element
// sequence of the story, votes as notes, what was not kept, and text that looks like Fountain syntax.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toFountain } from '../../src/screenplay/fountain.ts';
import { HOSTILE, historyOfBeats, makeRichHistory } from '../helpers/export-room.ts';
import { readFountain } from './read-fountain.ts';

/** What the page holds of a text: lines trimmed, blank-line runs one paragraph break, no joiners. */
const normal = (text: string) =>
  text
    .replaceAll('\u2060', '')
    .split(/\n[^\S\n]*\n\s*/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean);
const oneLine = (text: string) => text.replaceAll('\u2060', '').replace(/\s+/g, ' ').trim();

describe('Fountain export', () => {
  it('has a title page and the story as scene headings, action, cues, parentheticals, dialogue, transitions', async () => {
    const { history } = await makeRichHistory();
    const { title, elements } = readFountain(
      toFountain(history, { scope: 'story', draftDate: '2026-01-02' }),
    );
    expect(title).toEqual({
      title: 'The Heist <i>',
      credit: 'Written by',
      authors: 'Mo\nAna <b>&amp;</b>',
      draft_date: '2026-01-02',
    });
    expect(elements.map((element) => element.type)).toEqual([
      'scene_heading',
      'character',
      'parenthetical',
      'dialogue',
      'action',
      'character',
      'dialogue',
      'character',
      'dialogue',
      'action',
      'note',
      'action',
      'transition',
      'scene_heading',
      'action',
      'note',
      'note',
    ]);
    expect(elements.slice(0, 5).map((element) => element.text)).toEqual([
      'INT. DINER - NIGHT',
      'VERA',
      '(quietly)',
      'Keep the engine running.',
      `SHE LOOKS UP.\n${HOSTILE.script}`,
    ]);
    // A name that looks like a scene heading with an extension stays a character cue.
    expect(elements[5]).toEqual({ type: 'character', text: 'EXT. SAM （V.O.）' });
    expect(elements[6]?.text).toBe(`${HOSTILE.link}\n\n(beat) *not bold*`);
    expect(elements[8]).toEqual({ type: 'dialogue', text: '我们走吧。今晚就走。' });
    expect(elements[9]?.text).toBe(
      `!bang @at .dot >gt =eq #hash ~tilde [[note]] /* bone */ ${HOSTILE.style}`,
    );
    expect(elements[10]?.text).toBe(
      'Vote v13 (Ana <b>&amp;</b>, 2026-01-01T20:00:00.000Z) | A. Take the back door: 0; B. Wait for <Sam>: 3 | ' +
        'Ana <b>&amp;</b>: B, @Bo ^: B, Mo: B | → B. Wait for <Sam> (won)',
    );
    expect(elements[12]).toEqual({ type: 'transition', text: 'SMASH CUT TO:' });
    expect(elements[13]).toEqual({ type: 'scene_heading', text: 'EXT. 屋顶 - 黎明' });
  });

  it('with scope all, adds the rewritten take and the undone branch between notes', async () => {
    const { history } = await makeRichHistory();
    const story = readFountain(toFountain(history, { scope: 'story' })).elements;
    const all = readFountain(toFountain(history, { scope: 'all' })).elements;
    expect(all.length).toBe(story.length + 6);
    const notes = all.filter((element) => element.type === 'note').map((element) => element.text);
    expect(notes).toContain('Not kept: a take replaced by a rewrite');
    expect(notes).toContain('Not kept: a branch undone');
    const undone = all.findIndex((element) => element.text === 'Not kept: a branch undone');
    expect(all[undone + 1]).toEqual({ type: 'action', text: 'An abandoned line.' });
    expect(all[undone + 2]).toEqual({ type: 'note', text: 'End of what was not kept' });
    expect(story.some((element) => element.text === 'An abandoned line.')).toBe(false);
  });

  it('keeps lines that look like Fountain syntax as what they are', () => {
    const tricky = [
      'INT. NOT A HEADING',
      'ALL CAPS LINE',
      '!bang',
      '@at',
      '.dot',
      '> gt <',
      '=synopsis',
      '# section',
      '~lyric',
      '[[note]]',
      '/* boneyard */',
      'CUT TO:',
      '===',
      '(parenthetical?)',
      '你好',
    ];
    for (const line of tricky) {
      const history = historyOfBeats([
        { kind: 'action', text: `${line}\nsecond line` },
        { kind: 'dialogue', character: line.slice(0, 40), text: `${line}\n${line}` },
      ]);
      const { elements } = readFountain(toFountain(history, { scope: 'story' }));
      expect(elements, line).toEqual([
        { type: 'action', text: `${line}\nsecond line` },
        { type: 'character', text: oneLine(line.toUpperCase()).replaceAll('(', '（').replaceAll(')', '）') },
        { type: 'dialogue', text: `${line}\n${line}` },
      ]);
    }
  });

  it('loses nothing of any text, in any element (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({
        unit: fc.constantFrom(...'!@.>=#~[]/*_\\()^<:TOINTEXT \n\t你好'.split('')),
        maxLength: 80,
      }),
      fc.string({ unit: fc.constantFrom('a', 'B'), minLength: 2000, maxLength: 5000 }),
    );
    const nonEmpty = text.filter((value) => normal(value).length > 0);
    fc.assert(
      fc.property(nonEmpty, nonEmpty, nonEmpty, nonEmpty, (action, name, line, note) => {
        const history = historyOfBeats([
          { kind: 'scene', text: `INT. ${oneLine(note) || 'X'}` },
          { kind: 'action', text: action },
          { kind: 'dialogue', character: oneLine(name) || 'X', parenthetical: note, text: line },
          { kind: 'transition', text: note },
        ]);
        const started = performance.now();
        const source = toFountain(history, { scope: 'story' });
        const { elements } = readFountain(source);
        expect(performance.now() - started).toBeLessThan(2000);
        const parenthetical = oneLine(note)
          .replace(/^\(+|\)+$/g, '')
          .trim();
        const fullwidth = (value: string) =>
          value.replaceAll('(', '（').replaceAll(')', '）').replaceAll('^', '＾');
        expect(elements).toEqual([
          { type: 'scene_heading', text: `INT. ${oneLine(note) || 'X'}`.toUpperCase().replace(/\s+/g, ' ') },
          ...normal(action).map((paragraph) => ({ type: 'action', text: paragraph })),
          { type: 'character', text: fullwidth(oneLine(oneLine(name).toUpperCase()) || 'X') },
          ...(parenthetical ? [{ type: 'parenthetical', text: `(${parenthetical})` }] : []),
          { type: 'dialogue', text: normal(line).join('\n\n') },
          { type: 'transition', text: oneLine(note.toUpperCase()) },
        ]);
      }),
      { numRuns: 150 },
    );
  });
});
