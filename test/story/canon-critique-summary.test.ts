// Canon, critique, character proposals, usage and the background summary, through createStoryEngine.
import Keyv from 'keyv';
import { describe, expect, it, vi } from 'vitest';
import { localizeReply } from '../../src/adapters/shared/localize-reply.ts';
import canonAdd from '../../src/commands/canon-add.ts';
import canonList from '../../src/commands/canon-list.ts';
import type { CommandContext } from '../../src/commands/command.ts';
import critique from '../../src/commands/critique.ts';
import roomUsage from '../../src/commands/room-usage.ts';
import { runCommand } from '../../src/commands/run-command.ts';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { summaryDue } from '../../src/llm/prompt/memory-plan.ts';
import { type Logger, silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import type { Narrator } from '../../src/story/narrator.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { expectUserError } from '../helpers/user-error.ts';
import { recordingLogger } from '../llm/fixtures.ts';

const room: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'ops' };
const mo: Actor = { id: 'u-mo', name: 'Mo', role: 'moderator' };
const alice: Actor = { id: 'u-alice', name: 'Alice', role: 'writer' };
const bob: Actor = { id: 'u-bob', name: 'Bob', role: 'writer' };

function engineWithNarration(narrator: Narrator, logger: Logger = silentLogger) {
  return createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator,
    clock: createFakeClock(),
    logger,
  });
}

async function started(narrator: Narrator = createOfflineNarrator()) {
  const engine = engineWithNarration(narrator);
  await engine.startStory(room, mo, { title: 'The Heist', heading: 'INT. DINER - NIGHT' });
  await engine.addCharacter(room, mo, { name: 'Vera', description: 'A safecracker' });
  return engine;
}

describe('pinned canon', () => {
  it('lets moderators pin, list and unpin facts, numbered as listed', async () => {
    const engine = await started();
    await engine.addCanon(room, mo, { text: 'The city has no electricity.' });
    await engine.addCanon(room, mo, { text: 'Vera never lies to Sam.' });
    expect(await engine.canon(room)).toEqual([
      { number: 1, text: 'The city has no electricity.' },
      { number: 2, text: 'Vera never lies to Sam.' },
    ]);
    await engine.removeCanon(room, mo, { number: 1 });
    expect((await engine.room(room)).canon.map((fact) => fact.text)).toEqual(['Vera never lies to Sam.']);
    await expectUserError(engine.addCanon(room, alice, { text: 'x' }), /Only moderators can pin/);
    await expectUserError(engine.removeCanon(room, mo, { number: 5 }), /no canon fact #5/);
    await expectUserError(engine.addCanon(room, mo, { text: 'vera never lies to sam.' }), /already pinned/);
  });

  it('answers /canon add and /canon list through the commands', async () => {
    const engine = await started();
    const ctx = (actor: Actor): CommandContext => ({ engine, room, actor, commands: [] });
    const added = await runCommand(canonAdd, ctx(mo), { fact: 'Rain never stops.' });
    expect(localizeReply(added, 'en').blocks).toEqual([
      { type: 'text', text: 'Mo pinned canon #1: Rain never stops.' },
    ]);
    const listed = await runCommand(canonList, ctx(alice), {});
    expect(localizeReply(listed, 'en')).toEqual({
      visibility: 'private',
      language: 'en',
      blocks: [
        { type: 'fields', title: 'Pinned canon', fields: [{ name: '#1', value: 'Rain never stops.' }] },
      ],
    });
  });
});

describe('critique and usage', () => {
  it('reviews the script privately and counts its tokens in the room', async () => {
    const engine = await started();
    await engine.continueStory(room, alice, {});
    const ctx: CommandContext = { engine, room, actor: alice, commands: [] };
    const before = { ...(await engine.room(room)).usage };
    const reply = await runCommand(critique, ctx, {});
    expect(reply.visibility).toBe('private');
    const critiqueShown = localizeReply(reply, 'en');
    const fields = critiqueShown.blocks[0]?.type === 'fields' ? critiqueShown.blocks[0].fields : [];
    expect(fields.map((f) => f.name.replace(/\d+\/10/, 'n/10'))).toEqual([
      'Structure: n/10',
      'Pacing: n/10',
      'Character consistency: n/10',
      'Dialogue: n/10',
      'Suggestion 1',
      'Suggestion 2',
      'Suggestion 3',
    ]);
    const after = (await engine.room(room)).usage;
    expect(after.completionTokens).toBeGreaterThan(before.completionTokens);
    await expectUserError(engine.usage(room, alice), /Only moderators can see the narrator's token usage/);
    const usage = await engine.usage(room, mo);
    expect(usage.byModel).toEqual([
      {
        model: 'offline narrator',
        beats: 1,
        usage: expect.objectContaining({ promptTokens: expect.any(Number) }),
      },
    ]);
    expect(usage.other.completionTokens).toBeGreaterThan(0);
    const shown = await runCommand(roomUsage, { ...ctx, actor: mo }, {});
    expect(JSON.stringify(localizeReply(shown, 'en'))).toContain('offline narrator (1 beat)');
  });

  it('has nothing to review before the first beat', async () => {
    const engine = engineWithNarration(createOfflineNarrator());
    await engine.startStory(room, mo, { title: 'Empty' });
    await expectUserError(engine.critique(room, alice), /nothing to review/);
  });
});

describe('character proposals', () => {
  it('adds an accepted proposal to the cast and forgets it', async () => {
    const engine = await started();
    const proposal = await engine.designCharacter(room, alice, { hint: 'a croupier' });
    expect(proposal.id).toMatch(/^d\d+$/);
    expect((await engine.room(room)).characters).toHaveLength(1);
    const character = await engine.acceptCharacter(room, bob, { id: proposal.id });
    expect(character.name).toBe(proposal.design.name);
    expect(character.voice).toContain(proposal.design.sampleLine);
    expect((await engine.room(room)).characters.map((c) => c.name)).toContain(proposal.design.name);
    await expectUserError(engine.acceptCharacter(room, bob, { id: proposal.id }), /no character proposal/);
  });

  it('lets only its author or a moderator discard a proposal', async () => {
    const engine = await started();
    const proposal = await engine.designCharacter(room, alice, {});
    await expectUserError(engine.discardCharacter(room, bob, { id: proposal.id }), /Only moderators/);
    await engine.discardCharacter(room, alice, { id: proposal.id });
    await expectUserError(engine.acceptCharacter(room, alice, { id: proposal.id }), /no character proposal/);
  });
});

describe('the rolling summary', () => {
  /** About 45 tokens: 60 of them are well past what the verbatim window holds. */
  const longBeat = (i: number) =>
    `Beat ${i}. ${'Something happens in the rain-soaked alley while the city sleeps. '.repeat(3)}`;

  it('is written in the background as the story grows, covering all but the latest beats', async () => {
    const engine = await started();
    for (let i = 0; i < 60; i++) await engine.action(room, alice, { text: longBeat(i) });
    // Caught up: everything but the latest beats (about DEFAULT_MEMORY.recentTokens of them) is summarized.
    await vi.waitFor(async () => {
      const state = await engine.room(room);
      expect(state.summary?.beatCount).toBeGreaterThan(20);
      expect(summaryDue(state)).toBeUndefined();
    });
    const state = await engine.room(room);
    expect(state.summary?.beatCount).toBeLessThan(50);
    expect(state.summary?.text).toContain('Beat 0.');
    expect(state.summary?.text).not.toContain('Beat 59.');
  });

  it('never fails a beat when the summary fails', async () => {
    const logger = recordingLogger();
    const narrator: Narrator = {
      ...createOfflineNarrator(),
      summarize: async () => {
        throw new Error('model down');
      },
    };
    const engine = engineWithNarration(narrator, logger);
    await engine.startStory(room, mo, { title: 'T' });
    for (let i = 0; i < 45; i++) await engine.action(room, alice, { text: longBeat(i) });
    await vi.waitFor(() =>
      expect(logger.entries.some((e) => e.msg?.includes('rolling summary failed'))).toBe(true),
    );
    expect((await engine.room(room)).summary).toBeUndefined();
    expect(Object.keys((await engine.room(room)).beats)).toHaveLength(45);
  });
});
