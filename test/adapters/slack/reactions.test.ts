// Reactions on Slack (issue 13): reaction_added / reaction_removed events in Slack's real shape, signed and
// posted to Bolt's HTTP receiver, counted on the beat the message shows: in a channel, in a thread's room
// (the event names only the channel), on a streamed beat and on a character's line.
import { afterEach, describe, expect, it } from 'vitest';
import { beatMessageKey } from '../../../src/adapters/shared/beat-messages.ts';
import { roomIdOf } from '../../../src/story/room-id.ts';
import type { RoomRef } from '../../../src/story/types.ts';
import { type SlackHarness, startSlackHarness } from '../../helpers/slack-harness.ts';
import { appMentionBody, reactionBody } from '../../helpers/slack-payloads.ts';
import { signedHeaders } from '../../helpers/slack-signing.ts';

const THREAD = '1700000000.000100';
const channelRoom: RoomRef = { platform: 'slack', workspaceId: 'T0TEAM', channelId: 'C0STORY' };
const threadRoom: RoomRef = { ...channelRoom, channelId: `C0STORY:${THREAD}` };

let h: SlackHarness;
afterEach(async () => {
  await h.close();
});

async function post(body: string) {
  const answer = await h.post(body, signedHeaders(body, { contentType: 'application/json' }));
  expect(answer.status).toBe(200);
  await h.idle();
}

const react = (options: Parameters<typeof reactionBody>[0]) => post(reactionBody(options));

/** The ts of the last message posted (a beat's reply). */
const lastPosted = () => String(h.api.callsOf('chat.postMessage').at(-1)?.result?.ts);

async function channelStoryWithBeat() {
  h = await startSlackHarness();
  h.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
  h.api.users.set('U0BOB', { name: 'Bob' });
  await h.slash({ command: '/scene', text: 'start title:"The Heist"', userId: 'U0MOD' });
  await h.idle();
  await h.slash({ command: '/action', text: 'Vera cracks the safe.', userId: 'U0ALICE' });
  await h.idle();
  const state = await h.engine.room(channelRoom);
  return { ts: lastPosted(), beatId: state.headId as string };
}

const reactionEvents = async (room: RoomRef) =>
  (await h.engine.history(room)).events
    .filter((e) => e.type === 'reaction.added' || e.type === 'reaction.removed')
    .map((e) => `${e.type} ${e.actor.kind === 'user' ? e.actor.name : ''}`);

describe('reactions on Slack', () => {
  it("counts a reaction on a beat's message on that beat, a skin tone as 👍, and takes a removal back", async () => {
    const { ts, beatId } = await channelStoryWithBeat();
    // The beat's message is remembered in the store under the channel's room, neutrally.
    expect(await h.store.readAttachment(roomIdOf(channelRoom), beatMessageKey('slack', ts))).toEqual({
      beatId,
    });
    await react({ reaction: '+1::skin-tone-2', messageTs: ts, userId: 'U0BOB' });
    await react({ reaction: 'fire', messageTs: ts, userId: 'U0ALICE' });
    expect((await h.engine.room(channelRoom)).reactions?.[beatId]).toEqual({
      '👍': ['U0BOB'],
      '🔥': ['U0ALICE'],
    });
    // The same person's plain +1 is the same reaction: nothing new is stored.
    const seq = (await h.engine.room(channelRoom)).seq;
    await react({ reaction: '+1', messageTs: ts, userId: 'U0BOB' });
    expect((await h.engine.room(channelRoom)).seq).toBe(seq);

    await react({ reaction: '+1::skin-tone-2', messageTs: ts, userId: 'U0BOB', removed: true });
    expect((await h.engine.room(channelRoom)).reactions?.[beatId]).toEqual({ '🔥': ['U0ALICE'] });
    // Names from the users.info cache (Bob's display name; Alice has none, so her real name: her id in the fake).
    expect(await reactionEvents(channelRoom)).toEqual([
      'reaction.added Bob',
      'reaction.added U0ALICE',
      'reaction.removed Bob',
    ]);
  });

  it('ignores a message that shows no beat, the bot itself, other bots, and a locked room, quietly', async () => {
    const { ts } = await channelStoryWithBeat();
    h.api.users.set('U0OTHERBOT', { is_bot: true, name: 'pollbot' });
    const seq = (await h.engine.room(channelRoom)).seq;
    // A person's own message in the channel (never posted by storyroom).
    await react({ reaction: 'fire', messageTs: '1700000999.000001', userId: 'U0BOB', itemUser: 'U0BOB' });
    // The bot reacting to its own beat, and another app's bot.
    await react({ reaction: 'fire', messageTs: ts, userId: 'U0BOT' });
    await react({ reaction: 'fire', messageTs: ts, userId: 'U0OTHERBOT' });
    expect((await h.engine.room(channelRoom)).seq).toBe(seq);
    // Nobody was looked up for the message without a beat, nor for the bot itself.
    expect(h.api.callsOf('users.info').map((call) => call.args.user)).not.toContain('U0BOT');

    await h.slash({ command: '/room', text: 'lock', userId: 'U0MOD' });
    await h.idle();
    const locked = (await h.engine.room(channelRoom)).seq;
    h.api.calls.length = 0;
    await react({ reaction: 'tada', messageTs: ts, userId: 'U0BOB' });
    expect((await h.engine.room(channelRoom)).seq).toBe(locked);
    // No message to anyone; the refusal is only logged, at debug.
    expect(h.api.calls.filter((call) => call.method.startsWith('chat.'))).toEqual([]);
    const refused = h.logs.find((entry) => entry.msg === 'a reaction was not recorded');
    expect(refused?.level).toBe('debug');
    expect(h.logs.filter((entry) => entry.level === 'warn' || entry.level === 'error')).toEqual([]);
  });

  it("counts a reaction in a thread's room on the thread's streamed beat (the event names only the channel)", async () => {
    h = await startSlackHarness();
    h.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
    const mention = (text: string) => post(appMentionBody({ text, userId: 'U0MOD', threadTs: THREAD }));
    await mention('scene start title:"Side Story"');
    await mention('scene continue the fog rolls in');
    const state = await h.engine.room(threadRoom);
    const beatId = state.headId as string;
    const beatMessage = h.api.callsOf('chat.postMessage').at(-1);
    expect(beatMessage?.args.thread_ts).toBe(THREAD);
    const ts = String(beatMessage?.result?.ts);
    // Filed under the channel, with the thread's room.
    expect(await h.store.readAttachment(roomIdOf(channelRoom), beatMessageKey('slack', ts))).toEqual({
      beatId,
      channelId: `C0STORY:${THREAD}`,
    });

    await react({ reaction: 'heart', messageTs: ts, userId: 'U0ALICE' });
    expect((await h.engine.room(threadRoom)).reactions?.[beatId]).toEqual({ '❤': ['U0ALICE'] });
    expect((await h.engine.room(channelRoom)).story).toBeUndefined();

    // After a restart of the adapter the map is read back from the store.
    const again = await startSlackHarness({ store: h.store });
    try {
      const body = reactionBody({ reaction: 'joy', messageTs: ts, userId: 'U0BOB' });
      expect((await again.post(body, signedHeaders(body, { contentType: 'application/json' }))).status).toBe(
        200,
      );
      await again.idle();
      expect((await again.engine.room(threadRoom)).reactions?.[beatId]).toEqual({
        '❤': ['U0ALICE'],
        '😂': ['U0BOB'],
      });
    } finally {
      await again.close();
    }
  });

  it("counts a reaction on a character's line, posted under the character's name, on that line", async () => {
    h = await startSlackHarness();
    h.api.scopes = [...h.api.scopes, 'chat:write.customize'];
    h.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
    await h.slash({ command: '/scene', text: 'start title:"The Long Night"', userId: 'U0MOD' });
    await h.idle();
    await h.slash({ command: '/character', text: 'add Nora "A cook"', userId: 'U0MOD' });
    await h.idle();
    await h.slash({ command: '/room', text: 'settings character_voices:on', userId: 'U0MOD' });
    await h.idle();
    await h.slash({ command: '/say', text: 'Nora "Order up!"', userId: 'U0ALICE' });
    await h.idle();
    const line = h.api.callsOf('chat.postMessage').find((call) => call.args.username !== undefined);
    expect(line?.args.username).toBe('Nora');
    await react({ reaction: 'joy', messageTs: String(line?.result?.ts), userId: 'U0BOB' });
    const state = await h.engine.room(channelRoom);
    expect(state.reactions?.[state.headId as string]).toEqual({ '😂': ['U0BOB'] });
  });
});
