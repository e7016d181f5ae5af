// Each Slack thread is a room of its own. Slash commands cannot be used in threads, so a mention of the bot
// with a command runs it in the thread's room; replies go into the thread, private ones as ephemeral
// messages there; the thread's vote buttons carry the thread's room.
import { afterEach, describe, expect, it } from 'vitest';
import { CONTINUE_SHORTCUT } from '../../../src/adapters/slack/manifest.ts';
import { buttonsIn, type SlackHarness, shownIn, startSlackHarness } from '../../helpers/slack-harness.ts';
import { appMentionBody, messageShortcutBody } from '../../helpers/slack-payloads.ts';
import { signedHeaders } from '../../helpers/slack-signing.ts';

const THREAD = '1700000000.000100';
let h: SlackHarness;
afterEach(async () => {
  await h.close();
});

async function mention(text: string, userId = 'U0MOD') {
  const body = appMentionBody({ text, userId, threadTs: THREAD });
  const answer = await h.post(body, signedHeaders(body, { contentType: 'application/json' }));
  expect(answer.status).toBe(200);
  await h.idle();
}

describe('a Slack thread as a room', () => {
  it('runs mentioned commands in the thread, apart from the channel', async () => {
    h = await startSlackHarness();
    h.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
    await mention('scene start title:"Side Story"');
    const [started] = h.api.callsOf('chat.postMessage');
    expect(started?.args).toMatchObject({ channel: 'C0STORY', thread_ts: THREAD });
    expect(shownIn(started)).toContain('Side Story');
    const thread = await h.engine.room({
      platform: 'slack',
      workspaceId: 'T0TEAM',
      channelId: `C0STORY:${THREAD}`,
    });
    expect(thread.story?.title).toBe('Side Story');
    const channel = await h.engine.room({ platform: 'slack', workspaceId: 'T0TEAM', channelId: 'C0STORY' });
    expect(channel.story).toBeUndefined();

    // A private reply in a thread: ephemeral, in the thread, to the one who asked.
    h.api.calls.length = 0;
    await mention('character list', 'U0ALICE');
    const [listed] = h.api.callsOf('chat.postEphemeral');
    expect(listed?.args).toMatchObject({ channel: 'C0STORY', thread_ts: THREAD, user: 'U0ALICE' });

    // The thread's vote: its buttons name the thread's room, and a click counts there.
    h.api.calls.length = 0;
    await mention('vote open "Left" "Right" duration:5m');
    const voteMessage = h.api.callsOf('chat.postMessage').find((call) => buttonsIn(call).length > 0);
    expect(voteMessage?.args.thread_ts).toBe(THREAD);
    const [left] = buttonsIn(voteMessage);
    await h.click({
      value: left?.value ?? '',
      messageTs: String(voteMessage?.result?.ts),
      threadTs: THREAD,
      userId: 'U0BOB',
    });
    await h.idle();
    const voted = await h.engine.room({
      platform: 'slack',
      workspaceId: 'T0TEAM',
      channelId: `C0STORY:${THREAD}`,
    });
    expect(Object.values(voted.votes)[0]?.ballots).toEqual({ U0BOB: 0 });
  });

  it('runs the "continue the story" shortcut in the room of the message it was used on: its thread', async () => {
    h = await startSlackHarness();
    h.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
    await mention('scene start title:"Side Story"');
    const threadRoom = { platform: 'slack' as const, workspaceId: 'T0TEAM', channelId: `C0STORY:${THREAD}` };
    const beatsBefore = Object.keys((await h.engine.room(threadRoom)).beats).length;
    h.api.calls.length = 0;
    const body = messageShortcutBody({
      callbackId: CONTINUE_SHORTCUT.callback_id,
      messageTs: '1700000000.000200',
      threadTs: THREAD,
      userId: 'U0MOD',
      responseUrl: h.api.responseUrl('shortcut'),
    });
    expect((await h.post(body, signedHeaders(body))).status).toBe(200);
    await h.idle();
    const posted = h.api.callsOf('chat.postMessage');
    expect(posted.length).toBeGreaterThan(0);
    for (const call of posted) expect(call.args).toMatchObject({ channel: 'C0STORY', thread_ts: THREAD });
    expect(Object.keys((await h.engine.room(threadRoom)).beats).length).toBe(beatsBefore + 1);
  });
});
