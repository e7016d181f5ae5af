// What a person is told privately when a command cannot run: a moderator's command by someone who is not one,
// a line the grammar cannot read (with the usage), a command storyroom does not have. Nothing public happens.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SlackHarness, shownIn, startSlackHarness } from '../../helpers/slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
  h.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
  await h.slash({ command: '/scene', text: 'start title:"The Heist"', userId: 'U0MOD', userName: 'mo' });
  await h.idle();
  h.api.calls.length = 0;
});
afterEach(async () => {
  await h.close();
});

const publicCalls = () =>
  h.api.calls.filter((call) => ['chat.postMessage', 'chat.update'].includes(call.method));

describe('refusals in Slack', () => {
  it('refuses a moderator command from a member privately, and the room stays as it was', async () => {
    await h.slash({ command: '/room', text: 'lock', userId: 'U0ALICE', userName: 'alice' });
    await h.idle();
    const [answer, ...more] = h.api.callsOf('response_url');
    expect(more).toEqual([]);
    expect(answer?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shownIn(answer)).toMatch(/moderator/i);
    expect(publicCalls()).toEqual([]);
    const room = await h.engine.room({ platform: 'slack', workspaceId: 'T0TEAM', channelId: 'C0STORY' });
    expect(room.locked).toBeUndefined();
  });

  it('lets a workspace admin run it', async () => {
    await h.slash({ command: '/room', text: 'lock', userId: 'U0MOD', userName: 'mo' });
    await h.idle();
    const room = await h.engine.room({ platform: 'slack', workspaceId: 'T0TEAM', channelId: 'C0STORY' });
    expect(room.locked?.by).toMatchObject({ id: 'U0MOD' });
  });

  it('answers a line the grammar cannot read with what was wrong and the usage', async () => {
    await h.slash({ command: '/scene', text: 'start title:"The Heist', userId: 'U0MOD', userName: 'mo' });
    await h.idle();
    const [answer] = h.api.callsOf('response_url');
    expect(shownIn(answer)).toContain('never closed');
    expect(shownIn(answer)).toContain('/scene start &lt;title&gt;');
    expect(publicCalls()).toEqual([]);
  });

  it('names a slash command storyroom does not have', async () => {
    await h.slash({ command: '/sr-scene', text: 'continue', userId: 'U0MOD', userName: 'mo' });
    await h.idle();
    const [answer] = h.api.callsOf('response_url');
    expect(shownIn(answer)).toContain('/sr-scene is not a storyroom command');
    expect(publicCalls()).toEqual([]);
  });

  it('takes commands with the configured prefix, and only those', async () => {
    const prefixed = await startSlackHarness({ config: { commandPrefix: 'sr-' } });
    try {
      prefixed.api.users.set('U0MOD', { is_admin: true });
      await prefixed.slash({ command: '/sr-scene', text: 'start title:"Prefixed"', userId: 'U0MOD' });
      await prefixed.slash({ command: '/help', text: '', userId: 'U0MOD' });
      await prefixed.idle();
      expect(shownIn(prefixed.api.callsOf('chat.postMessage')[0])).toContain('Prefixed');
      const [answer] = prefixed.api.callsOf('response_url');
      expect(shownIn(answer)).toContain('/help is not a storyroom command');
      // A line the grammar cannot read is answered with the usage as typed here, prefix and all.
      await prefixed.slash({ command: '/sr-scene', text: 'start title:"Open', userId: 'U0MOD' });
      await prefixed.idle();
      const usage = shownIn(prefixed.api.callsOf('response_url').at(-1));
      expect(usage).toContain('/sr-scene start &lt;title&gt;');
      expect(usage).not.toMatch(/(^|\s)\/scene /m);
    } finally {
      await prefixed.close();
    }
  });
});
