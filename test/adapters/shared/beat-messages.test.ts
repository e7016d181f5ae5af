// The message-to-beat map every platform shares (Discord now, Slack next): kept in the store, per room and
// platform, read back after a restart; ids that could not be a platform's message id are never stored.
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { beatMessageKey, createBeatMessages } from '../../../src/adapters/shared/beat-messages.ts';
import { silentLogger } from '../../../src/logger.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { roomIdOf } from '../../../src/story/room-id.ts';
import type { RoomRef } from '../../../src/story/types.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

const slackRoom: RoomRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1:1700000000.000100' };
const otherRoom: RoomRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C2' };

describe('beat messages', () => {
  it("maps a Slack message's ts to its beat, per room, across a restart", async () => {
    const store = createKeyvEventStore(new Keyv());
    const map = createBeatMessages({ store, logger: silentLogger });
    await map.remember(slackRoom, ['1700000000.000200', '1700000000.000300'], 'b7');
    expect(await map.beatOf(slackRoom, '1700000000.000300')).toBe('b7');
    expect(await map.beatOf(otherRoom, '1700000000.000300')).toBeUndefined();
    const restarted = createBeatMessages({ store, logger: silentLogger });
    expect(await restarted.beatOf(slackRoom, '1700000000.000200')).toBe('b7');
    expect(
      await store.readAttachment(roomIdOf(slackRoom), beatMessageKey('slack', '1700000000.000200')),
    ).toEqual({
      beatId: 'b7',
    });
  });

  it("files a thread room's messages under their channel, with the room, found from the channel alone", async () => {
    const store = createKeyvEventStore(new Keyv());
    const channel: RoomRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
    await createBeatMessages({ store, logger: silentLogger }).remember(
      slackRoom,
      ['1700000000.000400'],
      'b4',
      channel,
    );
    const map = createBeatMessages({ store, logger: silentLogger });
    expect(await map.shownAt(channel, '1700000000.000400')).toEqual({ room: slackRoom, beatId: 'b4' });
    // The channel's own room shows no such beat.
    expect(await map.beatOf(channel, '1700000000.000400')).toBeUndefined();
    expect(await map.shownAt(otherRoom, '1700000000.000400')).toBeUndefined();
  });

  it('finds a message remembered after a first miss (a reaction can come before the map is written)', async () => {
    const store = createKeyvEventStore(new Keyv());
    const map = createBeatMessages({ store, logger: silentLogger });
    expect(await map.beatOf(slackRoom, '1700000000.000900')).toBeUndefined();
    await createBeatMessages({ store, logger: silentLogger }).remember(
      slackRoom,
      ['1700000000.000900'],
      'b9',
    );
    expect(await map.beatOf(slackRoom, '1700000000.000900')).toBe('b9');
  });

  it('skips ids that are no message id and ignores a stored value of the wrong shape', async () => {
    const store = createKeyvEventStore(new Keyv());
    const logger = createRecordingLogger();
    const map = createBeatMessages({ store, logger });
    await map.remember(slackRoom, ['a:b', '', 'x'.repeat(65), '../..'], 'b1');
    for (const id of ['a:b', '', 'x'.repeat(65)]) expect(await map.beatOf(slackRoom, id)).toBeUndefined();
    await store.writeAttachment(roomIdOf(slackRoom), beatMessageKey('slack', '42'), { beat: 1 });
    expect(await map.beatOf(slackRoom, '42')).toBeUndefined();
  });
});
