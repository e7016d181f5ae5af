// The JSON export and its import: complete and versioned, a round trip that changes only the room's id and
// adds the import's entry, and files refused with a reason.

import { describe, expect, it } from 'vitest';
import { parseRoomExport, toJson } from '../../src/screenplay/json-export.ts';
import { SCHEMA_VERSION } from '../../src/story/events.ts';
import type { RoomRef } from '../../src/story/types.ts';
import { makeRichHistory, mo } from '../helpers/export-room.ts';
import { createFixture } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

const elsewhere: RoomRef = { platform: 'discord', workspaceId: 'g2', channelId: 'c2' };

describe('JSON export and import', () => {
  it('holds every event with the schema version', async () => {
    const { history } = await makeRichHistory();
    const file = JSON.parse(toJson(history));
    expect(file).toMatchObject({
      format: 'storyroom.room',
      version: 1,
      schemaVersion: SCHEMA_VERSION,
      title: 'The Heist <i>',
    });
    expect(file.events).toEqual(history.events);
  });

  it('round-trips: export, import into an empty channel, export gives the same file but the room id and the import', async () => {
    const { history } = await makeRichHistory();
    const first = toJson(history, { exportedAt: '2026-02-01T00:00:00.000Z' });
    const parsed = parseRoomExport(first);
    if (!parsed.ok) throw new Error(parsed.refusal.detail);
    const { engine } = createFixture();
    const state = await engine.importRoom(elsewhere, mo, {
      fromRoomId: parsed.fromRoomId,
      events: parsed.events,
    });
    expect(state.headId).toBe(history.state.headId);
    expect(Object.keys(state.beats)).toEqual(Object.keys(history.state.beats));
    expect(state.votes).toEqual(history.state.votes);
    const again = await engine.history(elsewhere);
    const second = JSON.parse(toJson(again, { exportedAt: '2026-02-01T00:00:00.000Z' }));
    const imported = second.events.pop();
    expect(imported).toMatchObject({
      type: 'room.imported',
      fromRoomId: history.roomId,
      actor: { name: 'Mo' },
    });
    expect({ ...second, room: null }).toEqual({ ...JSON.parse(first), room: null });
    expect(second.room).toEqual({ id: again.roomId, ...elsewhere });
    engine.stop();
  });

  it('refuses to import into a channel that has a story', async () => {
    const { history } = await makeRichHistory();
    const parsed = parseRoomExport(toJson(history));
    if (!parsed.ok) throw new Error('refused');
    const { engine } = createFixture();
    await engine.startStory(elsewhere, mo, { title: 'Mine' });
    await expectUserError(
      engine.importRoom(elsewhere, mo, { fromRoomId: 'x', events: parsed.events }),
      /already has a story/,
    );
    engine.stop();
  });

  it('refuses a file it could not recreate, saying why', async () => {
    const { history } = await makeRichHistory();
    const good = JSON.parse(toJson(history));
    const cases: [string, string, RegExp][] = [
      ['{', 'not-json', /not JSON/],
      [JSON.stringify({ hello: 1 }), 'not-an-export', /not a storyroom export/],
      [JSON.stringify({ ...good, schemaVersion: 99 }), 'too-new', /newer storyroom/],
      [
        JSON.stringify({
          ...good,
          events: [...good.events.slice(0, 3), { ...good.events[3], type: 'beat.exploded' }],
        }),
        'bad-event',
        /Event 4 cannot be read/,
      ],
      [
        JSON.stringify({
          ...good,
          events: good.events.slice(1).map((e: { seq: number }) => ({ ...e, seq: e.seq - 1 })),
        }),
        'not-a-story',
        /must start the story/,
      ],
      [JSON.stringify({ ...good, events: [good.events[0], good.events[2]] }), 'bad-event', /numbered 3/],
      ...(
        ['b404', good.events.find((e: { type: string }) => e.type === 'beat.added')?.beat.id] as string[]
      ).map((beatId, i): [string, string, RegExp] => [
        JSON.stringify({
          ...good,
          events: [
            ...good.events,
            {
              v: SCHEMA_VERSION,
              seq: good.events.length + 1,
              at: '2026-02-01T00:00:00.000Z',
              actor: { kind: 'user', id: 'u1', name: 'U' },
              type: 'reaction.added',
              beatId,
              emoji: i === 0 ? '👍' : '__proto__',
            },
          ],
        }),
        'not-a-story',
        i === 0 ? /reacts to beat b404, which does not exist/ : /not an emoji/,
      ]),
    ];
    for (const [text, code, detail] of cases) {
      const result = parseRoomExport(text);
      expect(result.ok, code).toBe(false);
      if (!result.ok) {
        expect(result.refusal.code).toBe(code);
        expect(result.refusal.detail).toMatch(detail);
      }
    }
  });
});
