// Buttons posted before a restart: a new App on the same store takes their clicks (the button's value carries
// room, vote and option), and the vote message posted before the restart still gets its result at the close.
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import {
  buttonsIn,
  type SlackHarness,
  shownIn,
  startSlackHarness,
  waitForCalls,
} from '../../helpers/slack-harness.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../helpers/slack-web-api.ts';

let api: FakeSlackApi | undefined;
let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  await api?.close();
});

describe('Slack after a restart', () => {
  it('counts clicks on buttons from before it and closes the vote on the old message', async () => {
    api = await startFakeSlackApi();
    api.users.set('U0MOD', { is_admin: true });
    const store = createKeyvEventStore(new Keyv());
    const before = await startSlackHarness({ api, store });
    await before.slash({ command: '/scene', text: 'start title:"The Heist"', userId: 'U0MOD' });
    await before.idle();
    await before.slash({ command: '/vote', text: 'open "Go left" "Go right" duration:10m', userId: 'U0MOD' });
    await before.idle();
    const voteMessage = api.callsOf('chat.postMessage').find((call) => buttonsIn(call).length > 0);
    const voteTs = String(voteMessage?.result?.ts);
    const [, right] = buttonsIn(voteMessage).map((button) => button.value);
    await before.close();

    harness = await startSlackHarness({ api, store });
    const after = harness;
    api.calls.length = 0;
    await after.click({ value: right ?? '', messageTs: voteTs, userId: 'U0ALICE' });
    await after.idle();
    const [confirmation] = api.callsOf('response_url');
    expect(shownIn(confirmation)).toContain('Go right');
    const room = await after.engine.room({ platform: 'slack', workspaceId: 'T0TEAM', channelId: 'C0STORY' });
    const vote = Object.values(room.votes)[0];
    expect(vote?.ballots).toMatchObject({ U0ALICE: 1 });

    await after.slash({ command: '/vote', text: 'close', userId: 'U0MOD' });
    await after.idle();
    await waitForCalls(
      () =>
        api
          ?.callsOf('chat.update')
          .some((call) => call.args.ts === voteTs && buttonsIn(call).length === 0) === true,
    );
  });
});
