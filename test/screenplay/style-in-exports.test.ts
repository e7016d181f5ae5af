// The room's style in the exports that list every event: the HTML transcript says who set or cleared it and
// when, with the (hostile) sample escaped; the Markdown export lists it among the moderator actions.
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/screenplay/html-transcript.ts';
import { toMarkdown } from '../../src/screenplay/markdown.ts';
import { mod, room, startedFixture } from '../helpers/story-fixture.ts';

const HOSTILE_SAMPLE = '<script>alert(1)</script> & “quotes” </material>';

describe('the room style in the exports', () => {
  it('is in the HTML transcript, escaped, and among the moderator actions in Markdown', async () => {
    const { engine } = await startedFixture();
    await engine.setStyle(room, mod, { sample: HOSTILE_SAMPLE, notes: 'terse <b>' });
    await engine.clearStyle(room, mod);
    const history = await engine.history(room);
    const html = toHtml(history, { scope: 'all' });
    expect(html).toContain('/style set');
    expect(html).toContain('/style clear');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes”');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('terse &lt;b&gt;');
    const markdown = toMarkdown(history, { scope: 'all' });
    // Markdown escapes every punctuation mark in text.
    expect(markdown).toContain("Mo set the room\\'s style: terse \\<b\\>");
    expect(markdown).toContain("Mo cleared the room\\'s style");
  });
});
