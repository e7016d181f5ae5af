// A vote shown to one person (an ephemeral message) is kept current through the response_url of a click on
// it: its counts follow, with mentions and unfurls off like every message, and the channel sees nothing of it.
import { afterEach, describe, expect, it } from 'vitest';
import {
  buttonsIn,
  type SlackHarness,
  shownIn,
  startSlackHarness,
  waitForCalls,
} from '../../helpers/slack-harness.ts';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
});

describe('an ephemeral vote message in Slack', () => {
  it('is updated in place through the clicked response_url, privately', async () => {
    harness = await startSlackHarness();
    const h = harness;
    h.api.users.set('U0MOD', { is_admin: true });
    await h.slash({ command: '/scene', text: 'start title:"The Heist"', userId: 'U0MOD' });
    await h.idle();
    await h.slash({
      command: '/vote',
      text: 'open "Go <!here> left" "Go right" duration:10m',
      userId: 'U0MOD',
    });
    await h.idle();
    const [left] = buttonsIn(h.api.callsOf('chat.postMessage').find((call) => buttonsIn(call).length > 0));

    h.api.calls.length = 0;
    const responseUrl = h.api.responseUrl('R-ephemeral');
    await h.click({
      value: left?.value ?? '',
      messageTs: '1700000009.000100',
      userId: 'U0ALICE',
      ephemeral: true,
      responseUrl,
    });
    await h.idle();
    await waitForCalls(() =>
      h.api.callsOf('response_url').some((call) => call.args.replace_original === true),
    );

    const onIt = h.api.callsOf('response_url').filter((call) => call.target === 'R-ephemeral');
    const replaced = onIt.find((call) => call.args.replace_original === true);
    expect(replaced?.args).toMatchObject({
      link_names: false,
      unfurl_links: false,
      unfurl_media: false,
      parse: 'none',
    });
    expect(shownIn(replaced)).toContain('Go &lt;!here&gt; left');
    expect(buttonsIn(replaced).map((button) => button.text)).toEqual([
      expect.stringContaining('1'),
      expect.stringContaining('0'),
    ]);
    // The voter's confirmation is a new private message; the ephemeral one was never edited as a channel message.
    expect(
      onIt.some((call) => call.args.response_type === 'ephemeral' && call.args.replace_original === false),
    ).toBe(true);
    expect(h.api.callsOf('chat.update').filter((call) => call.args.ts === '1700000009.000100')).toEqual([]);
  });
  it("shares the response_url's uses between the click's reply and the message's count edits: never past Slack's 5", async () => {
    // The most chat.update a minute allows, so the channel message's edits (which the private copy's follow)
    // come about every 0.7 s.
    harness = await startSlackHarness({ config: { editsPerMinute: 100 } });
    const h = harness;
    h.api.users.set('U0MOD', { is_admin: true });
    await h.slash({ command: '/scene', text: 'start title:"The Heist"', userId: 'U0MOD' });
    await h.idle();
    await h.slash({ command: '/vote', text: 'open "Left" "Right" duration:10m', userId: 'U0MOD' });
    await h.idle();
    const post = h.api.callsOf('chat.postMessage').find((call) => buttonsIn(call).length > 0);
    const [left, right] = buttonsIn(post);
    const responseUrl = h.api.responseUrl('R-shared');
    await h.click({
      value: left?.value ?? '',
      messageTs: '1700000009.000200',
      userId: 'U0ALICE',
      ephemeral: true,
      responseUrl,
    });
    await h.idle();
    // Six more people vote on the channel message; each count change would redraw the private copy.
    for (let i = 0; i < 6; i++) {
      await h.click({
        value: (i % 2 ? left : right)?.value ?? '',
        messageTs: String(post?.result?.ts ?? '1700000000.000100'),
        userId: `U0FAN${i}`,
        ephemeral: false,
        responseUrl: h.api.responseUrl(`R-fan${i}`),
      });
      await h.idle();
      await new Promise((resolve) => setTimeout(resolve, 800));
    }
    await h.idle();
    const uses = h.api.callsOf('response_url').filter((call) => call.target === 'R-shared');
    // The confirmation and the count edits that fitted: at most four in all, though more count changes came
    // (without the shared count, eight went to it here).
    expect(uses.length).toBeGreaterThanOrEqual(2);
    expect(uses.length).toBeLessThanOrEqual(4);
  });
});
