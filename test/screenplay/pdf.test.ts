// The PDF screenplay, read back with a real PDF reader (poppler's pdftotext): order, pages, page numbers,
// dialogue carried over a page with (MORE) and (CONT'D), paper size, and Chinese text round-tripping.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { toPdf, wrapColumns } from '../../src/screenplay/pdf.ts';
import { historyOfBeats, makeRichHistory } from '../helpers/export-room.ts';

const dir = mkdtempSync(join(tmpdir(), 'storyroom-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function read(pdf: Uint8Array) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f');
  return { info, pages: pages.filter((page, index) => index < pages.length - 1 || page.trim()) };
}

const expectInOrder = (text: string, parts: string[]) => {
  let at = 0;
  for (const part of parts) {
    const found = text.indexOf(part, at);
    expect(found, part).toBeGreaterThanOrEqual(0);
    at = found + part.length;
  }
};

const longSpeech = Array.from({ length: 60 }, (_, i) => `Sentence ${i} of a very long speech.`).join(' ');

describe('PDF export', () => {
  it('has a title page and the script in order, Chinese included', async () => {
    const { history } = await makeRichHistory();
    const { info, pages } = read(await toPdf(history, { scope: 'story', draftDate: '2026-01-02' }));
    expect(info).toMatch(/Page size:\s+612 x 792/);
    expect(pages).toHaveLength(2);
    expectInOrder(pages[0] as string, [
      'THE HEIST <I>',
      'Written by',
      'Mo',
      'Ana <b>&amp;</b>',
      '2026-01-02',
    ]);
    expectInOrder(pages[1] as string, [
      'INT. DINER - NIGHT',
      'VERA',
      '(quietly)',
      'Keep the engine running.',
      'SHE LOOKS UP.',
      '小龙',
      '我们走吧。今晚就走。',
      'SMASH CUT TO:',
      'EXT. 屋顶 - 黎明',
      '风很大。',
    ]);
    expect(pages[1]).not.toContain('An abandoned line.');
  });

  it('with scope all, prints what was not kept between markers', async () => {
    const { history } = await makeRichHistory();
    const { pages } = read(await toPdf(history, { scope: 'all' }));
    expectInOrder(pages.join('\n'), [
      '[Not kept: a branch undone]',
      'An abandoned line.',
      '[End of what was not kept]',
    ]);
  });

  it('sets about 55 lines a page, numbers pages from 2 and carries dialogue over with (MORE) and (CONT’D)', async () => {
    const history = historyOfBeats([
      { kind: 'scene', text: 'INT. HALL - DAY' },
      ...Array.from({ length: 7 }, (_, i) => ({
        kind: 'action' as const,
        text: `Paragraph ${i}. `.repeat(30),
      })),
      { kind: 'dialogue', character: 'Vera', text: longSpeech },
      { kind: 'action', text: 'The end.' },
    ]);
    const { pages } = read(await toPdf(history, { scope: 'story' }));
    expect(pages.length).toBe(4);
    expect(pages[1]).not.toMatch(/^\s*1\.\s*$/m);
    expect(pages[2]).toMatch(/^\s+2\.\s*$/m);
    expect(pages[3]).toMatch(/^\s+3\.\s*$/m);
    const lines = (pages[1] as string).split('\n').filter((line) => line.trim()).length;
    expect(lines).toBeGreaterThan(45);
    expect(lines).toBeLessThanOrEqual(55);
    const speech = pages.slice(1).join('\n');
    expectInOrder(speech, ['VERA', 'Sentence 0', '(MORE)', "VERA (CONT'D)", 'Sentence 59', 'The end.']);
  });

  it('sets A4 when asked', async () => {
    const { info } = read(
      await toPdf(historyOfBeats([{ kind: 'action', text: 'Hi.' }]), { scope: 'story', paper: 'a4' }),
    );
    expect(info).toMatch(/Page size:\s+595.2\d* x 841.8\d*/);
  });

  it('wraps any text into lines that fit, losing nothing (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.string({ unit: fc.constantFrom('a', '长', ' ', '\n'), maxLength: 500 }),
          fc.string({ unit: fc.constantFrom('x'), minLength: 1000, maxLength: 3000 }),
        ),
        fc.integer({ min: 2, max: 60 }),
        (text, width) => {
          const lines = wrapColumns(text, width);
          const wide = (c: string) =>
            /[\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFF00-\uFF60]/.test(c) ? 2 : 1;
          for (const line of lines)
            expect([...line].reduce((sum, c) => sum + wide(c), 0)).toBeLessThanOrEqual(width);
          expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        },
      ),
      { numRuns: 300 },
    );
  });
});
