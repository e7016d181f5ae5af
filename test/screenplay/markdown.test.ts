// The Markdown export, read by a real CommonMark parser (marked): the script, the vote log, the audit log and
// the Mermaid tree; people's text stays text whatever Markdown it looks like.
import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, mermaidLabel, toMarkdown } from '../../src/screenplay/markdown.ts';
import { HOSTILE, makeRichHistory } from '../helpers/export-room.ts';

const decode = (html: string) =>
  html
    .replace(/<br>\n?/g, '\n')
    .replace(/<\/p>\s*<p>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(
      /&(amp|lt|gt|quot|#39);/g,
      (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] as string,
    )
    .trim();

const normal = (text: string) =>
  text
    .split(/\n[^\S\n]*\n\s*/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim().replace(/\s+/g, ' '))
        .filter(Boolean)
        .join('\n'),
    )
    .filter(Boolean)
    .join('\n\n');

describe('Markdown export', () => {
  it('reads as the script, then the votes, the moderator actions and a Mermaid story map', async () => {
    const { history } = await makeRichHistory();
    const md = toMarkdown(history, { scope: 'story' });
    const html = await marked.parse(md);
    expect(html).toContain('<h1>The Heist &lt;i&gt;</h1>');
    expect(html).toContain('<h3>INT. DINER - NIGHT</h3>');
    expect(html).toContain('<strong>VERA</strong>');
    expect(html).not.toMatch(/<script|<img|<a href|<\/style>/);
    expect(decode(html)).toContain(HOSTILE.script);
    expect(html).toContain('<h2>Votes</h2>');
    expect(decode(html)).toContain(
      'Vote v13, Ana <b>&amp;</b>, 2026-01-01T20:00:00.000Z: B. Wait for <Sam> (won)',
    );
    expect(decode(html)).toContain('Ana <b>&amp;</b>: B, @Bo ^: B, Mo: B');
    expect(html).toContain('<h2>Moderator actions</h2>');
    expect(decode(html)).toMatch(/Mo rewrote a beat/);
    expect(md).toMatch(/```mermaid\nflowchart TD\n/);
    expect(md).toContain('#60;Sam#62;');
  });

  it('escapes any text so it reads back as itself (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 200 }),
          fc.string({ unit: fc.constantFrom(...'*_[]()<>#`~|!-+=.:\\&\n 1aZ你'.split('')), maxLength: 100 }),
        ),
        async (text) => {
          const html = await marked.parse(escapeMarkdown(text));
          expect(html).not.toMatch(/<(script|img|a|h\d|em|strong|code|ul|ol|blockquote|hr|table|del)\b/);
          expect(decode(html)).toBe(
            normal(text)
              .replace(/\n(?!\n)/g, '\n')
              .trim(),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes Mermaid labels with only letters, digits, spaces and entity codes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        const label = mermaidLabel(text);
        expect(label).toMatch(/^(?:[\p{L}\p{N} ]|#\d+;)*$/u);
        expect(label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))).toBe(text);
      }),
    );
  });
});
