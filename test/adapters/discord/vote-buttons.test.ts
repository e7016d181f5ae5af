import { ButtonStyle, InteractionResponseType, MessageFlags } from 'discord.js';
import Keyv from 'keyv';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseVoteButtonId } from '../../../src/adapters/discord/render/vote-button-id.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import type { RoomRef } from '../../../src/story/types.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import {
  ALICE,
  APP_ID,
  BOB,
  buttonClick,
  CHANNEL_ID,
  GUILD_ID,
  MOD,
  slashCommand,
} from '../../helpers/discord-payloads.ts';
import type { RecordedCall } from '../../helpers/discord-rest.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';

/** Vote messages are edited on a timer (throttled); wait for the edit rather than for a fixed time. */
const eventually = (assertion: () => unknown) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });

const ROOM: RoomRef = { platform: 'discord', workspaceId: GUILD_ID, channelId: CHANNEL_ID };
const harnesses: Harness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function start(options: Parameters<typeof startHarness>[0] = {}) {
  const harness = await startHarness(options);
  harnesses.push(harness);
  return harness;
}

interface Button {
  custom_id: string;
  label: string;
  style: number;
  disabled: boolean;
}

/** Opens a vote with /vote open and returns the buttons of the message and that message's id. */
async function openVote(h: Harness) {
  await h.send(slashCommand('scene start', { title: 'The Long Night' }, ALICE));
  const open = slashCommand(
    'vote open',
    { option1: 'Go left', option2: 'Go right', option3: 'Stay put', duration: '5m' },
    ALICE,
  );
  await h.send(open);
  const reply = h.rest.find('PATCH', new RegExp(`${open.token}/messages/@original$`)).at(-1);
  const buttons: Button[] = reply?.body.components[0].components ?? [];
  return { buttons, messageId: h.rest.originalId(open.token) ?? '', reply };
}

const privateFollowUp = (h: Harness, token: string) =>
  h.rest.find('POST', new RegExp(`^/webhooks/${APP_ID}/${token}$`)).at(-1);

/** Edits of the vote message made after a click or a change, through any token. */
const voteEdits = (h: Harness, after: number) =>
  h.rest.calls.filter(
    (call: RecordedCall) =>
      call.method === 'PATCH' &&
      call.at >= after &&
      call.body?.embeds?.[0]?.title !== undefined &&
      !call.body.content,
  );

describe('vote buttons', () => {
  it('posts one button per option whose id carries the room and the vote', async () => {
    const h = await start();
    const { buttons, reply } = await openVote(h);

    expect(buttons.map((button) => button.label)).toEqual(['A. Go left', 'B. Go right', 'C. Stay put']);
    const vote = (await h.engine.room(ROOM)).openVoteId;
    expect(buttons.map((button) => parseVoteButtonId(button.custom_id))).toEqual(
      [0, 1, 2].map((option) => ({
        room: ROOM,
        voteId: vote,
        option,
      })),
    );
    expect(reply?.body.embeds[0].description).toContain('**B.** Go right · 0 votes');
    expect(reply?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('records a click, confirms it privately, updates the live count, and lets the voter change their mind', async () => {
    const h = await start();
    const { buttons, messageId } = await openVote(h);
    const clickB = buttonClick(buttons[1]?.custom_id ?? '', messageId, BOB);
    const before = Date.now();

    await h.send(clickB);

    const [ack] = h.rest.calls.filter((call) => call.path.includes(clickB.id));
    expect(ack?.body).toEqual({ type: InteractionResponseType.DeferredMessageUpdate });
    expect(privateFollowUp(h, clickB.token)?.body).toMatchObject({
      content: 'You voted for B (Go right). Vote again to change it.',
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    await eventually(() => {
      const edit = voteEdits(h, before).at(-1);
      expect(edit?.body.embeds[0].description).toContain('**B.** Go right · 1 vote\n');
      expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
    });

    const clickA = buttonClick(buttons[0]?.custom_id ?? '', messageId, BOB);
    await h.send(clickA);

    expect(privateFollowUp(h, clickA.token)?.body.content).toBe(
      'You voted for A (Go left) instead of B. Vote again to change it.',
    );
    await eventually(() => {
      const description: string = voteEdits(h, before).at(-1)?.body.embeds[0].description ?? '';
      expect(description).toContain('**A.** Go left · 1 vote\n');
      expect(description).toContain('**B.** Go right · 0 votes\n');
    });
    const vote = Object.values((await h.engine.room(ROOM)).votes)[0];
    expect(vote?.ballots).toEqual({ [BOB.id]: 0 });
  });

  it('disables the buttons and shows the result when a moderator closes the vote', async () => {
    const h = await start();
    const { buttons, messageId } = await openVote(h);
    await h.send(buttonClick(buttons[2]?.custom_id ?? '', messageId, BOB));
    const before = Date.now();

    await h.send(slashCommand('vote close', {}, MOD));

    await eventually(() => {
      const edit = voteEdits(h, before).find((call) => call.body.embeds[0].title === 'Vote closed');
      expect(edit).toBeDefined();
      const closed: Button[] = edit?.body.components[0].components;
      expect(closed.every((button) => button.disabled)).toBe(true);
      expect(closed.map((button) => button.style)).toEqual([
        ButtonStyle.Secondary,
        ButtonStyle.Secondary,
        ButtonStyle.Success,
      ]);
      expect(edit?.body.embeds[0].description).toContain(
        'C. Stay put wins (a moderator closed the vote early; the ballots decided).',
      );
      expect(edit?.body.embeds[0].description).not.toContain('decided by a moderator');
    });
  });

  it('says "decided by a moderator" when the moderator picked the winner', async () => {
    const h = await start();
    const { buttons, messageId } = await openVote(h);
    await h.send(buttonClick(buttons[2]?.custom_id ?? '', messageId, BOB));
    const before = Date.now();

    await h.send(slashCommand('vote close', { pick: 1 }, MOD));

    await eventually(() => {
      const edit = voteEdits(h, before).find((call) => call.body.embeds[0].title === 'Vote closed');
      expect(edit?.body.embeds[0].description).toContain('(decided by a moderator).');
    });
  });

  it('refuses a member closing the vote: only moderators may', async () => {
    const h = await start();
    await openVote(h);
    const attempt = slashCommand('vote close', {}, BOB);

    await h.send(attempt);

    expect(privateFollowUp(h, attempt.token)?.body).toMatchObject({
      content: 'Only moderators can close votes.',
      flags: MessageFlags.Ephemeral,
    });
    expect((await h.engine.room(ROOM)).openVoteId).toBeDefined();
  });

  it('refuses a click after the deadline politely and brings the message up to date', async () => {
    const clock = createFakeClock(Date.now());
    const h = await start({ clock });
    const { buttons, messageId } = await openVote(h);
    await clock.advance(5 * 60 * 1000 + 1);
    await eventually(async () => expect((await h.engine.room(ROOM)).openVoteId).toBeUndefined());
    const late = buttonClick(buttons[0]?.custom_id ?? '', messageId, BOB);
    const before = Date.now();

    await h.send(late);

    expect(privateFollowUp(h, late.token)?.body).toMatchObject({
      content:
        'This vote has already closed, so your click was not counted. The vote closed with no votes cast, so there is no winner.',
      flags: MessageFlags.Ephemeral,
    });
    await eventually(() => {
      const edit = voteEdits(h, before).at(-1);
      expect(edit?.body.components[0].components.every((button: Button) => button.disabled)).toBe(true);
    });
    const vote = Object.values((await h.engine.room(ROOM)).votes)[0];
    expect(vote?.ballots).toEqual({});
  });

  it("counts a click on an old vote's button for that vote only, never for the vote open now", async () => {
    const h = await start();
    const old = await openVote(h);
    await h.send(slashCommand('vote close', {}, MOD));
    await h.send(slashCommand('vote open', { option1: 'Run', option2: 'Hide', duration: '5m' }, ALICE));
    const late = buttonClick(old.buttons[1]?.custom_id ?? '', old.messageId, BOB);

    await h.send(late);

    expect(privateFollowUp(h, late.token)?.body.content).toMatch(
      /^This vote has already closed, so your click was not counted\./,
    );
    const room = await h.engine.room(ROOM);
    expect(room.votes[room.openVoteId ?? '']?.ballots).toEqual({});
  });

  it('confirms a click with the words /vote cast uses, since the click runs that command', async () => {
    const h = await start();
    const { buttons, messageId } = await openVote(h);
    const typed = slashCommand('vote cast', { option: 'C' }, ALICE);
    await h.send(typed);
    const click = buttonClick(buttons[2]?.custom_id ?? '', messageId, BOB);

    await h.send(click);

    const confirmation = privateFollowUp(h, click.token)?.body.content;
    expect(confirmation).toBe('You voted for C (Stay put). Vote again to change it.');
    expect(h.rest.find('PATCH', new RegExp(`${typed.token}/messages/@original$`)).at(-1)?.body.content).toBe(
      confirmation,
    );
  });

  it('closes a vote whose reply token has expired by editing the bot’s own channel message', async () => {
    const clock = createFakeClock(Date.now());
    let skew = 0;
    const h = await start({ clock, now: () => Date.now() + skew });
    const { messageId } = await openVote(h);
    skew = 16 * 60 * 1000;

    await clock.advance(5 * 60 * 1000 + 1);

    await eventually(() => {
      const edit = h.rest.find('PATCH', new RegExp(`^/channels/${CHANNEL_ID}/messages/${messageId}$`)).at(-1);
      expect(edit?.body.embeds[0].title).toBe('Vote closed');
      expect(edit?.body.components[0].components.every((button: Button) => button.disabled)).toBe(true);
      expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
    });
  });

  describe('after a restart', () => {
    const VOTE_MS = 5 * 60 * 1000;
    const channelEdits = (h: Harness, messageId: string) =>
      h.rest.find('PATCH', new RegExp(`^/channels/${CHANNEL_ID}/messages/${messageId}$`));

    /** Opens a vote in one "process", stops it, and returns what the next process needs. */
    async function openThenStop() {
      const store = createKeyvEventStore(new Keyv());
      const clock = createFakeClock(Date.now());
      const before = await start({ store, clock });
      const { messageId } = await openVote(before);
      const voteId = (await before.engine.room(ROOM)).openVoteId ?? '';
      await before.close();
      harnesses.splice(0);
      return { store, openedAt: clock.now(), messageId, voteId };
    }

    const expectClosedMessage = (edit: RecordedCall | undefined) => {
      expect(edit?.body.embeds[0].title).toBe('Vote closed');
      expect(edit?.body.embeds[0].description).toContain('The vote closed with no votes cast');
      expect(edit?.body.components[0].components.every((button: Button) => button.disabled)).toBe(true);
      expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
    };

    it('keeps where the vote is shown in the store: ids only, no interaction token', async () => {
      const { store, messageId, voteId } = await openThenStop();

      const stored = await store.readAttachment(
        `discord:${GUILD_ID}:${CHANNEL_ID}`,
        `discord-vote-messages.${voteId}`,
      );
      expect(stored).toEqual({ messages: [{ channelId: CHANNEL_ID, messageId }] });
      expect(JSON.stringify(stored)).not.toContain('token');
    });

    it('disables the buttons and shows the result at the deadline, without any click', async () => {
      const { store, openedAt, messageId, voteId } = await openThenStop();
      const clock = createFakeClock(openedAt);
      const after = await start({ store, clock });

      await clock.advance(VOTE_MS + 1);

      await eventually(() => expectClosedMessage(channelEdits(after, messageId).at(-1)));
      // The new process made no other request: no interaction of its own, nothing posted.
      expect(after.rest.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
        `PATCH /channels/${CHANNEL_ID}/messages/${messageId}`,
      ]);
      await eventually(async () =>
        expect(
          await store.readAttachment(`discord:${GUILD_ID}:${CHANNEL_ID}`, `discord-vote-messages.${voteId}`),
        ).toBeUndefined(),
      );
    });

    it('updates the message of a vote that came due while the bot was down, at start-up', async () => {
      const { store, openedAt, messageId } = await openThenStop();

      const after = await start({ store, clock: createFakeClock(openedAt + VOTE_MS + 60_000) });

      await eventually(() => expectClosedMessage(channelEdits(after, messageId).at(-1)));
      const vote = Object.values((await after.engine.room(ROOM)).votes)[0];
      expect(vote?.status).toBe('closed');
    });
  });

  it('counts a click on a button posted before a restart', async () => {
    const store = createKeyvEventStore(new Keyv());
    const before = await start({ store });
    const { buttons, messageId } = await openVote(before);
    await before.close();
    harnesses.splice(0);

    const after = await start({ store });
    const click = buttonClick(buttons[1]?.custom_id ?? '', messageId, ALICE);
    await after.send(click);

    expect(privateFollowUp(after, click.token)?.body.content).toBe(
      'You voted for B (Go right). Vote again to change it.',
    );
    const vote = Object.values((await after.engine.room(ROOM)).votes)[0];
    expect(vote?.ballots).toEqual({ [ALICE.id]: 1 });
    // The message is updated through the click's own token: the new process never saw the original reply.
    await eventually(() => {
      const edit = after.rest
        .find('PATCH', new RegExp(`^/webhooks/${APP_ID}/${click.token}/messages/@original$`))
        .at(-1);
      expect(edit?.body.embeds[0].description).toContain('**B.** Go right · 1 vote');
    });
  });
});
