// A room as a real session stored it (test/fixtures/stored-room-v2.json, made by make-stored-room.ts with
// the release that introduced schema version 2): every later release must still load it, votes included.
import { readFileSync } from 'node:fs';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { createOfflineNarrator } from '../../src/llm/offline-narrator.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { canonicalPath } from '../../src/story/tree.ts';
import type { Actor, RoomRef } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/stored-room-v2.json', import.meta.url), 'utf8'),
) as {
  schemaVersion: number;
  entries: [string, unknown][];
};
const room: RoomRef = {
  platform: 'discord',
  workspaceId: '1300000000000000100',
  channelId: '1300000000000000200',
};
const mod: Actor = { id: '1300000000000000301', name: 'Mo', role: 'moderator' };

function engineOn(entries: [string, unknown][]) {
  // The session's clock stood at 20:00:46 plus the 260 beats written without moving it.
  const clock = createFakeClock(Date.parse('2026-11-20T20:01:00Z'));
  const store = createKeyvEventStore(new Keyv({ store: new Map(entries), namespace: 'storyroom' }));
  return {
    engine: createStoryEngine({ store, narrator: createOfflineNarrator(), clock, logger: silentLogger }),
    clock,
  };
}

describe('a room stored by the schema-version-2 release', () => {
  it('loads with everything the session left: story, cast, canon, settings, beats, votes', async () => {
    expect(fixture.schemaVersion).toBe(2);
    const { engine } = engineOn(fixture.entries);
    const state = await engine.room(room);
    expect(state.story).toMatchObject({ title: 'The Lighthouse', genre: 'mystery', tone: 'eerie' });
    expect(state.characters.map((c) => [c.name, c.voice])).toEqual([
      ['Ines', 'clipped'],
      ['Tom', ''],
    ]);
    expect(state.canon.map((fact) => fact.text)).toEqual(['The lamp has not been lit since 1953.']);
    expect(state.settings).toMatchObject({ voteDurationMs: 45_000, cooldownMs: 5_000, autoVote: false });
    expect(state.locked).toBeUndefined();
    const path = canonicalPath(state);
    expect(path.slice(0, 5).map((beat) => [beat.kind, beat.text])).toEqual([
      ['scene', 'EXT. CLIFF - NIGHT'],
      ['dialogue', 'Who rang the bell?'],
      ['action', 'Fog rolls over the rocks.'],
      ['transition', 'CUT TO:'],
      ['scene', 'INT. LAMP ROOM - CONTINUOUS'],
    ]);
    expect(path.at(-1)?.text).toBe('The fog thickens, hour 259.');
    const votes = Object.values(state.votes);
    expect(votes[0]).toMatchObject({
      status: 'closed',
      result: { winner: 1, tally: [1, 2], reason: 'deadline' },
    });
    expect(votes[1]).toMatchObject({ status: 'open', options: ['Wait', 'Signal'] });
  });

  it('loads the same from its snapshot as from the whole log', async () => {
    const withSnapshot = await engineOn(fixture.entries).engine.room(room);
    const logOnly = fixture.entries.filter(([key]) => !key.endsWith(':snap'));
    expect(logOnly.length).toBeLessThan(fixture.entries.length);
    expect(await engineOn(logOnly).engine.room(room)).toEqual(withSnapshot);
  });

  it('re-arms its open vote on start-up and carries on', async () => {
    const { engine, clock } = engineOn(fixture.entries);
    await engine.start();
    await clock.advance(600_000);
    expect((await engine.voteStatus(room)).result).toMatchObject({ winner: 1, reason: 'deadline' });
    const next = await engine.continueStory(room, mod, {});
    expect(next.beat.direction).toBe('Signal');
  });
});
