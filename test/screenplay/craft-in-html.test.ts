// The story craft in the HTML transcript: each beat's reactions as they stand, under the beat, and the room's
// style as it stands, beside the storyboard; people's text escaped.
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../src/screenplay/html-transcript.ts';
import { alice, bob, carol, mod, room, startedFixture } from '../helpers/story-fixture.ts';

describe('the story craft in the HTML transcript', () => {
  it("shows each beat's reactions under it, most used first, and the room's style, escaped", async () => {
    const { engine } = await startedFixture();
    await engine.setStyle(room, mod, {
      sample: 'He ran. <img src=x onerror=alert(1)>',
      notes: 'terse & dry',
    });
    await engine.say(room, alice, { character: 'Vera', text: 'We go tonight.' });
    await engine.action(room, bob, { text: 'Sam starts the car.' });
    await engine.react(room, carol, { beat: '2', emoji: '🔥' });
    await engine.react(room, alice, { beat: '2', emoji: '👍' });
    await engine.react(room, bob, { beat: '2', emoji: '+1' });
    await engine.react(room, carol, { beat: '3', emoji: '<:party_parrot:123>' });
    await engine.react(room, alice, { beat: '3', emoji: '👎' });
    await engine.react(room, alice, { beat: '3', emoji: '👎', removed: true });

    const html = toHtml(await engine.history(room), { scope: 'all' });
    const script = html.slice(html.indexOf('<div class="script">'), html.indexOf('</div>'));
    const we = script.indexOf('We go tonight.');
    const car = script.indexOf('Sam starts the car.');
    const tally = script.indexOf('<p class="note meta reactions">👍 2 · 🔥 1</p>');
    expect(we).toBeGreaterThan(0);
    expect(tally).toBeGreaterThan(we);
    expect(tally).toBeLessThan(car);
    // A custom emoji by its name; a reaction taken back is no longer counted.
    expect(script.slice(car)).toContain('<p class="note meta reactions">:party_parrot: 1</p>');
    expect(script).not.toContain('👎');

    expect(html).toContain("<h2>The room's style</h2>");
    expect(html).toContain('Notes: <span class="text">terse &amp; dry</span>');
    expect(html).toContain('He ran. &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('has no style section nor reaction lines in a room without them', async () => {
    const { engine } = await startedFixture();
    await engine.action(room, bob, { text: 'Sam starts the car.' });
    const html = toHtml(await engine.history(room), { scope: 'all' });
    expect(html).not.toContain("The room's style</h2>");
    expect(html).not.toContain('class="note meta reactions"');
  });
});
