// Reactions on Discord: gateway MESSAGE_REACTION_ADD/REMOVE payloads in their real shapes, through a real
// discord.js client (messages uncached: partials), counted on the beat the message shows.
import { GatewayDispatchEvents, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { beatMessageKey } from '../../../src/adapters/shared/beat-messages.ts';
import { roomIdOf } from '../../../src/story/room-id.ts';
import type { RoomRef } from '../../../src/story/types.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import {
  ALICE,
  APP_ID,
  BOB,
  CHANNEL_ID,
  deliverDispatch,
  deliverGuild,
  deliverReady,
  GUILD_ID,
  MOD,
  reactionAdded,
  reactionRemoved,
  reactionsCleared,
  slashCommand,
} from '../../helpers/discord-payloads.ts';

const room: RoomRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function storyWithBeat() {
  const h = await startHarness();
  harnesses.push(h);
  deliverReady(h.client);
  deliverGuild(h.client, []);
  await h.send(slashCommand('scene start', { title: 'The Heist' }, MOD));
  const action = slashCommand('action', { text: 'Vera cracks the safe.' }, ALICE);
  await h.send(action);
  const messageId = h.rest.originalId(action.token);
  if (!messageId) throw new Error('the beat reply got no message id');
  const state = await h.engine.room(room);
  return { h, messageId, beatId: state.headId as string };
}

async function react(h: Harness, t: GatewayDispatchEvents, payload: object) {
  deliverDispatch(h.client, t, payload);
  await h.adapter.idle();
}

describe('reactions on Discord', () => {
  it('asks for the reactions intent and reads uncached messages as partials', async () => {
    const { h } = await storyWithBeat();
    expect(h.client.options.intents.toArray()).toContain('GuildMessageReactions');
  });

  it("counts a reaction on a beat's message on that beat, and its removal", async () => {
    const { h, messageId, beatId } = await storyWithBeat();
    // The beat reply was remembered as showing the beat, in the store, neutrally.
    expect(await h.store.readAttachment(roomIdOf(room), beatMessageKey('discord', messageId))).toEqual({
      beatId,
    });

    await react(h, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(BOB, messageId, '👍'));
    await react(h, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(ALICE, messageId, '❤️'));
    let state = await h.engine.room(room);
    expect(state.reactions?.[beatId]).toEqual({ '👍': [BOB.id], '❤': [ALICE.id] });

    await react(h, GatewayDispatchEvents.MessageReactionRemove, reactionRemoved(BOB, messageId, '👍'));
    state = await h.engine.room(room);
    expect(state.reactions?.[beatId]).toEqual({ '❤': [ALICE.id] });
    const { events } = await h.engine.history(room);
    expect(
      events
        .filter((e) => e.type === 'reaction.added' || e.type === 'reaction.removed')
        .map((e) => `${e.type} ${e.actor.kind === 'user' ? e.actor.name : ''}`),
    ).toEqual(['reaction.added bob', 'reaction.added alice', 'reaction.removed bob']);
  });

  it('takes back what a moderator clears: one emoji, then all of them', async () => {
    const { h, messageId, beatId } = await storyWithBeat();
    await react(h, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(BOB, messageId, '👍'));
    await react(h, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(ALICE, messageId, '👍'));
    await react(
      h,
      GatewayDispatchEvents.MessageReactionAdd,
      reactionAdded(ALICE, messageId, { id: '1600000000000000001', name: 'Party_Parrot' }),
    );
    await react(h, GatewayDispatchEvents.MessageReactionRemoveEmoji, reactionsCleared(messageId, '👍'));
    expect((await h.engine.room(room)).reactions?.[beatId]).toEqual({ party_parrot: [ALICE.id] });
    await react(h, GatewayDispatchEvents.MessageReactionRemoveAll, reactionsCleared(messageId));
    expect((await h.engine.room(room)).reactions?.[beatId]).toBeUndefined();
    const { events } = await h.engine.history(room);
    expect(
      events
        .filter((e) => e.type === 'reaction.removed')
        .map((e) => (e.actor.kind === 'user' ? e.actor.name : '')),
    ).toEqual(['bob', 'alice', 'alice']);
  });

  it('normalizes a custom emoji to its name, animated or not', async () => {
    const { h, messageId, beatId } = await storyWithBeat();
    await react(
      h,
      GatewayDispatchEvents.MessageReactionAdd,
      reactionAdded(BOB, messageId, { id: '1600000000000000001', name: 'Party_Parrot', animated: true }),
    );
    expect((await h.engine.room(room)).reactions?.[beatId]).toEqual({ party_parrot: [BOB.id] });
  });

  it('ignores bots, its own reactions, and messages that show no beat', async () => {
    const { h, messageId } = await storyWithBeat();
    const seq = (await h.engine.room(room)).seq;
    await react(
      h,
      GatewayDispatchEvents.MessageReactionAdd,
      reactionAdded(BOB, messageId, '👍', { bot: true }),
    );
    const self = { ...BOB, id: APP_ID, name: 'storyroom' };
    await react(h, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(self, messageId, '👍'));
    // A person's own message in the channel, and the scene start's reply before any beat was remembered for it.
    await react(
      h,
      GatewayDispatchEvents.MessageReactionAdd,
      reactionAdded(ALICE, '1700000000000000042', '🔥'),
    );
    expect((await h.engine.room(room)).seq).toBe(seq);
  });

  it("counts a reaction on a character's line posted through the webhook (character voices) on that line", async () => {
    const h = await startHarness();
    harnesses.push(h);
    deliverReady(h.client);
    deliverGuild(h.client, []);
    const withWebhooks = <P extends { app_permissions: string }>(payload: P) => ({
      ...payload,
      app_permissions: String(BigInt(payload.app_permissions) | PermissionFlagsBits.ManageWebhooks),
    });
    await h.send(slashCommand('scene start', { title: 'The Long Night' }, MOD));
    await h.send(slashCommand('character add', { name: 'Nora', description: 'A cook' }, MOD));
    await h.send(slashCommand('room settings', { character_voices: true }, MOD));
    await h.send(withWebhooks(slashCommand('say', { character: 'Nora', text: 'Order up!' }, ALICE)));
    const line = h.rest.calls.find((call) => /^\/webhooks\/\d+\/webhook-secret/.test(call.path));
    expect(line?.body.username).toBe('Nora');
    const lineId = line?.responseId ?? '';
    await react(h, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(BOB, lineId, '😂'));
    const state = await h.engine.room(room);
    expect(state.reactions?.[state.headId as string]).toEqual({ '😂': [BOB.id] });
  });

  it('stores a flood of the same reaction once', async () => {
    const { h, messageId } = await storyWithBeat();
    await react(h, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(BOB, messageId, '🔥'));
    const seq = (await h.engine.room(room)).seq;
    for (let i = 0; i < 30; i++) {
      await react(h, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(BOB, messageId, '🔥'));
    }
    expect((await h.engine.room(room)).seq).toBe(seq);
  });

  it('counts reactions on a beat after a restart of the adapter (the map is in the store)', async () => {
    const { h, messageId, beatId } = await storyWithBeat();
    const again = await startHarness({ store: h.store });
    harnesses.push(again);
    deliverReady(again.client);
    deliverGuild(again.client, []);
    await react(again, GatewayDispatchEvents.MessageReactionAdd, reactionAdded(BOB, messageId, '😂'));
    expect((await again.engine.room(room)).reactions?.[beatId]).toEqual({ '😂': [BOB.id] });
  });

  it('offers /react, /recap and /review as slash commands that work', async () => {
    const { h } = await storyWithBeat();
    const reactCommand = slashCommand('react', { beat: 'last', emoji: '🔥' }, BOB);
    await h.send(reactCommand);
    const shown = h.rest.find('PATCH', new RegExp(`${reactCommand.token}/messages/@original$`)).at(-1)?.body;
    expect(shown?.content).toContain('You reacted 🔥 to beat 1');
    const recap = slashCommand('recap', {}, BOB);
    await h.send(recap);
    const recapShown = h.rest.find('PATCH', new RegExp(`${recap.token}/messages/@original$`)).at(-1)?.body;
    expect(recapShown?.content).toBe(
      'Previously on… (The latest beat)\n\nPreviously on "The Heist"…\nVera cracks the safe.',
    );
    const review = slashCommand('review', {}, BOB);
    await h.send(review);
    const reviewShown = h.rest.find('PATCH', new RegExp(`${review.token}/messages/@original$`)).at(-1)?.body;
    expect(reviewShown?.embeds?.[0]?.title).toBe("The critic's review");
    // Deferred publicly; `personal` privately (Discord decides on the first response).
    const deferral = (id: string) =>
      h.rest.find('POST', new RegExp(`^/interactions/${id}/[^/]+/callback$`)).at(-1)?.body;
    expect(deferral(review.id)?.data?.flags ?? 0).toBe(0);
    const personal = slashCommand('review', { personal: true }, BOB);
    await h.send(personal);
    expect(deferral(personal.id)?.data?.flags).toBe(MessageFlags.Ephemeral);
    const personalShown = h.rest
      .find('PATCH', new RegExp(`${personal.token}/messages/@original$`))
      .at(-1)?.body;
    expect(personalShown?.embeds?.[0]?.title).toBe("The critic's review, for bob");
    expect(JSON.stringify(personalShown?.embeds)).toContain('You cheered 🔥');
  });
});
