import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRoomId, roomIdOf } from '../../src/story/room-id.ts';
import type { RoomRef } from '../../src/story/types.ts';

const RUNS = 500;

// Workspace ids (Discord guilds, Slack teams, the terminal's "local") never hold ':'; channel ids may (a Slack
// thread's room is the channel and the thread's ts).
const refs: fc.Arbitrary<RoomRef> = fc.record({
  platform: fc.constantFrom('discord', 'slack', 'console'),
  workspaceId: fc.string({ minLength: 1, unit: 'grapheme' }).filter((id) => !id.includes(':')),
  channelId: fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.array(fc.string(), { maxLength: 4 }).map((parts) => parts.join(':')),
  ),
});

describe('room ids', () => {
  it(`parse back to the room they were made from, ':' in channel ids included (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(refs, (ref) => {
        expect(parseRoomId(roomIdOf(ref))).toEqual(ref);
      }),
      { numRuns: RUNS },
    );
  });

  it('parse a Slack thread room', () => {
    expect(parseRoomId('slack:T1:C1:1700000000.000100')).toEqual({
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1:1700000000.000100',
    });
  });

  it(`name a room only when they were made from one (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), refs.map(roomIdOf)), (id) => {
        const ref = parseRoomId(id);
        if (ref) expect(roomIdOf(ref)).toBe(id);
      }),
      { numRuns: RUNS },
    );
    expect(parseRoomId('telegram:1:2')).toBeUndefined();
    expect(parseRoomId('discord::2')).toBeUndefined();
    expect(parseRoomId('discord')).toBeUndefined();
    expect(parseRoomId('discord:1')).toBeUndefined();
    expect(parseRoomId('__proto__:1:2')).toBeUndefined();
  });
});
