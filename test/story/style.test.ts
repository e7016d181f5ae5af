// The room's style through the engine: moderators set and clear it, everyone reads it with its profile, it is
// kept as events (and survives a restart and an old room), and the narrator gets it with every request.
import { readFileSync } from 'node:fs';
import Keyv from 'keyv';
import { describe, expect, it, vi } from 'vitest';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { type AuditEntry, auditLog } from '../../src/screenplay/audit-log.ts';
import { describeAudit } from '../../src/screenplay/audit-text.ts';
import { parseRoomExport, toJson } from '../../src/screenplay/json-export.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { UserError } from '../../src/story/errors.ts';
import { roomStateSchema } from '../../src/story/room-state-schema.ts';
import { STYLE_NOTES_MAX, STYLE_SAMPLE_MAX } from '../../src/story/style.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { alice, carol, createFixture, mod, room, startedFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

const SAMPLE = 'He ran. It was cold. “Stop,” she said. The car would not start.';

describe('the room style', () => {
  it('lets a moderator set a sample and notes, returns the profile and stores one event', async () => {
    const { engine } = await startedFixture();
    const style = await engine.setStyle(room, mod, { sample: SAMPLE, notes: 'Short sentences, no adverbs' });
    expect(style).toMatchObject({
      sample: SAMPLE,
      notes: 'Short sentences, no adverbs',
      setBy: { kind: 'user', name: 'Mo' },
      profile: { unit: 'words', sentences: 4, meanSentenceLength: 3.25 },
    });
    expect(style.profile?.dialogueShare).toBeGreaterThan(0);
    const history = await engine.history(room);
    expect(history.events.at(-1)).toMatchObject({
      type: 'style.set',
      style: { sample: SAMPLE, notes: 'Short sentences, no adverbs' },
    });
    expect(await engine.style(room)).toEqual(style);
  });

  it('keeps the part not given: notes alone keep the sample, a sample alone keeps the notes', async () => {
    const { engine } = await startedFixture();
    await engine.setStyle(room, mod, { sample: SAMPLE });
    await engine.setStyle(room, mod, { notes: 'Dry humour' });
    expect(await engine.style(room)).toMatchObject({ sample: SAMPLE, notes: 'Dry humour' });
    const notesOnly = await engine.setStyle(room, mod, { sample: '雨停了。她在等。' });
    expect(notesOnly).toMatchObject({ notes: 'Dry humour', profile: { unit: 'characters' } });
  });

  it('normalizes the text like other people’s text: NFC, no invisibles, notes on one line', async () => {
    const { engine } = await startedFixture();
    const style = await engine.setStyle(room, mod, {
      sample: 'Cafe\u0301 at\u200b night.\r\nRain.',
      notes: 'terse\n\nand  dry',
    });
    expect(style.sample).toBe('Café at night.\nRain.');
    expect(style.notes).toBe('terse and dry');
  });

  it('refuses writers and the audience, a locked room, a room without a story, and nothing to set', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      engine.setStyle(room, alice, { notes: 'x' }),
      "Only moderators can set the room's style",
    );
    await expectUserError(engine.setStyle(room, carol, { notes: 'x' }), /Only moderators/);
    await expectUserError(engine.setStyle(room, mod, {}), /Give a sample passage/);
    await engine.lock(room, mod);
    await expectUserError(engine.setStyle(room, mod, { notes: 'x' }), /locked/);
    const empty = createFixture();
    await expectUserError(empty.engine.setStyle(room, mod, { notes: 'x' }), /No story has been started/);
  });

  it('refuses a sample over 2,000 characters or notes over 300, and text with nothing visible', async () => {
    const { engine } = await startedFixture();
    await expectUserError(
      engine.setStyle(room, mod, { sample: 'a'.repeat(STYLE_SAMPLE_MAX + 1) }),
      'The style sample may be at most 2,000 characters; yours has 2,001.',
    );
    await expectUserError(
      engine.setStyle(room, mod, { notes: 'b'.repeat(STYLE_NOTES_MAX + 1) }),
      /at most 300/,
    );
    await expectUserError(engine.setStyle(room, mod, { sample: '\u200b\u202e' }), /only invisible/);
    expect(await engine.style(room)).toBeUndefined();
    await engine.setStyle(room, mod, { sample: 'a'.repeat(STYLE_SAMPLE_MAX) });
  });

  it('says the refusals in Chinese for a zh-CN reader', async () => {
    const { engine } = await startedFixture();
    await expectUserError(engine.setStyle(room, alice, { notes: 'x' }), '设置房间的文风', 'zh-CN');
    await expectUserError(engine.clearStyle(room, mod), '还没有设置文风', 'zh-CN');
  });

  it('checks the sample and notes with the content filter before storing anything', async () => {
    const fixture = await startedFixture();
    const checkText = vi.fn(async (texts: readonly (string | undefined)[]) => {
      if (texts.some((t) => t?.includes('forbidden'))) throw new UserError('moderation.flagged', 'flagged');
    });
    fixture.narrator.checkText = checkText;
    await expect(fixture.engine.setStyle(room, mod, { sample: 'A forbidden passage.' })).rejects.toThrow(
      'flagged',
    );
    expect(checkText).toHaveBeenCalledWith(['A forbidden passage.', undefined]);
    expect(await fixture.engine.style(room)).toBeUndefined();
    await fixture.engine.setStyle(room, mod, { sample: SAMPLE, notes: 'terse' });
    expect(checkText).toHaveBeenLastCalledWith([SAMPLE, 'terse']);
    // A writer's style is refused before any moderation call is spent on it.
    checkText.mockClear();
    await expectUserError(fixture.engine.setStyle(room, alice, { notes: 'forbidden' }), /Only moderators/);
    expect(checkText).not.toHaveBeenCalled();
  });

  it('lets a moderator clear it; clearing twice says there is none', async () => {
    const { engine } = await startedFixture();
    await engine.setStyle(room, mod, { sample: SAMPLE });
    await expectUserError(engine.clearStyle(room, alice), /Only moderators can clear/);
    const cleared = await engine.clearStyle(room, mod);
    expect(cleared.sample).toBe(SAMPLE);
    expect(await engine.style(room)).toBeUndefined();
    expect((await engine.room(room)).style).toBeUndefined();
    await expectUserError(engine.clearStyle(room, mod), 'This room has no style');
  });

  it('is kept across a restart and handed to the narrator with every request', async () => {
    const fixture = await startedFixture();
    await fixture.engine.setStyle(room, mod, { sample: SAMPLE, notes: 'terse' });
    const engine = fixture.restart();
    expect(await engine.style(room)).toMatchObject({ sample: SAMPLE, notes: 'terse' });
    await engine.continueStory(room, alice, {});
    await engine.writeLine(room, alice, { character: 'Vera' });
    await engine.openVote(room, alice, {});
    await engine.newScene(room, alice, {});
    const methods = fixture.narrator.calls.map((call) => call.method);
    expect(methods).toEqual(['writeBeat', 'writeLine', 'proposeOptions', 'proposeScene']);
    for (const call of fixture.narrator.calls) {
      expect(call.request.room.style).toMatchObject({ sample: SAMPLE, notes: 'terse' });
    }
  });
});

describe('the room style in the log', () => {
  it('is in the audit log, in the reader’s language, and comes along with a JSON export into a new room', async () => {
    const { engine } = await startedFixture();
    await engine.setStyle(room, mod, { sample: SAMPLE, notes: 'terse' });
    await engine.clearStyle(room, mod);
    await engine.setStyle(room, mod, { notes: 'dry' });
    const history = await engine.history(room);
    const entries = auditLog(history).filter((entry) => entry.action.startsWith('style'));
    expect(entries.map((entry) => [entry.action, entry.subject])).toEqual([
      ['style-set', 'terse'],
      ['style-clear', undefined],
      ['style-set', 'dry'],
    ]);
    expect(describeAudit(entries[0] as AuditEntry).what).toBe("set the room's style");
    expect(describeAudit(entries[1] as AuditEntry, 'zh-CN').what).toBe('清除了房间的文风');
    const parsed = parseRoomExport(toJson(history));
    if (!parsed.ok) throw new Error(parsed.refusal.detail);
    const other: RoomRef = { ...room, channelId: 'copy' };
    const copy = await engine.importRoom(other, mod, {
      fromRoomId: parsed.fromRoomId,
      events: parsed.events,
    });
    expect(copy.style).toMatchObject({ notes: 'dry' });
    expect(copy.style?.sample).toBeUndefined();
  });
});

describe('a room stored by the schema-version-2 release', () => {
  const stored = JSON.parse(
    readFileSync(new URL('../fixtures/stored-room-v2.json', import.meta.url), 'utf8'),
  ) as { entries: [string, unknown][] };
  const oldRoom: RoomRef = {
    platform: 'discord',
    workspaceId: '1300000000000000100',
    channelId: '1300000000000000200',
  };
  const mo: Actor = { id: '1300000000000000301', name: 'Mo', role: 'moderator' };

  it('loads without a style, takes one, and its snapshot without a style still validates', async () => {
    const store = createKeyvEventStore(new Keyv({ store: new Map(stored.entries), namespace: 'storyroom' }));
    const engine = createStoryEngine({
      store,
      narrator: createOfflineNarrator(),
      clock: createFakeClock(Date.parse('2026-11-20T20:01:00Z')),
      logger: silentLogger,
    });
    const before = await engine.room(oldRoom);
    expect(before.style).toBeUndefined();
    expect(roomStateSchema.safeParse(before).success).toBe(true);
    await engine.setStyle(oldRoom, mo, { sample: SAMPLE });
    const after = await engine.room(oldRoom);
    expect(after.style?.sample).toBe(SAMPLE);
    expect(roomStateSchema.parse(after).style).toMatchObject({ sample: SAMPLE, setBy: { name: 'Mo' } });
  });
});
