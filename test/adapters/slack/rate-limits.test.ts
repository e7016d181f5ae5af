// Streaming within Slack's limits: a 429 with Retry-After in the middle of a stream still leaves the complete
// text, in order; two streams in one workspace share its chat.update budget and never exceed it.
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedNarrator } from '../../helpers/discord-narrator.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { type SlackHarness, shownIn, startSlackHarness } from '../../helpers/slack-harness.ts';
import { startFakeSlackApi } from '../../helpers/slack-web-api.ts';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const PIECES = ['One. ', 'Two. ', 'Three. ', 'Four. ', 'Five. ', 'Six.'];
const LONG = Array.from({ length: 20 }, (_, index) => `Line ${index + 1}. `);

describe('Slack rate limits while streaming', () => {
  it('keeps the final text complete and in order when chat.update answers 429 mid-stream', async () => {
    harness = await startSlackHarness({ narrator: scriptedNarrator({ pieces: PIECES, pauseMs: 100 }) });
    const h = harness;
    h.api.users.set('U0MOD', { is_admin: true });
    await h.slash({ command: '/scene', text: 'start title:Numbers', userId: 'U0MOD' });
    await h.idle();
    h.api.rateLimit('chat.update', 1, 1);
    await h.slash({ command: '/scene', text: 'continue', userId: 'U0MOD' });
    await h.idle();

    const updates = h.api.callsOf('chat.update');
    const limited = updates.filter((call) => call.result === undefined);
    expect(limited).toHaveLength(1);
    const answered = updates.filter((call) => call.result !== undefined);
    const last = answered.at(-1);
    expect(shownIn(last)).toContain('One. Two. Three. Four. Five. Six.');
    // Every edit Slack accepted shows a prefix of the beat, never an older one after a newer one.
    const lengths = answered.map(
      (call) => PIECES.filter((piece) => shownIn(call).includes(piece.trim())).length,
    );
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(h.logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('keeps two streams in one workspace inside its shared edit budget', async () => {
    const clock = createFakeClock(Date.now());
    const api = await startFakeSlackApi({ now: () => clock.now() });
    const perMinute = 5;
    harness = await startSlackHarness({
      api,
      adapterClock: clock,
      narrator: scriptedNarrator({ pieces: LONG, pauseMs: 40 }),
      config: { editsPerMinute: perMinute, streamEditMs: 50 },
    });
    const h = harness;
    api.users.set('U0MOD', { is_admin: true });
    for (const channelId of ['C0ONE', 'C0TWO']) {
      await h.slash({ command: '/scene', text: 'start title:Numbers', userId: 'U0MOD', channelId });
    }
    await h.idle();
    // Slack's minute passes on the adapter's clock: two seconds every 20 ms while the streams run, so the
    // streams (a preview edit wanted every 50 ms each) want far more than the budget gives.
    const TICK_MS = 2000;
    let running = true;
    const ticking = (async () => {
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await clock.advance(TICK_MS);
      }
    })();
    await Promise.all(
      ['C0ONE', 'C0TWO'].map((channelId) =>
        h.slash({ command: '/scene', text: 'continue', userId: 'U0MOD', channelId }),
      ),
    );
    await h.idle();
    running = false;
    await ticking;

    const updates = api.callsOf('chat.update');
    // The fake stamps a call when it arrives, up to one tick after the budget let it go: windows one tick
    // shorter than a minute.
    for (const update of updates) {
      const inWindow = updates.filter(
        (other) => other.at > update.at - (60_000 - TICK_MS) && other.at <= update.at,
      );
      expect(inWindow.length).toBeLessThanOrEqual(perMinute);
    }
    for (const channel of ['C0ONE', 'C0TWO']) {
      const last = updates.filter((call) => call.args.channel === channel).at(-1);
      expect(shownIn(last)).toContain(LONG.join('').trim());
    }
    expect(updates.length).toBeGreaterThan(perMinute);
    await api.close();
  });
});
