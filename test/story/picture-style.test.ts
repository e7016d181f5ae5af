// The storyboard frame's look comes from the room's style notes once a moderator has set them.
import { describe, expect, it } from 'vitest';
import type { StoryEvent } from '../../src/story/events.ts';
import { pictureStyle } from '../../src/story/picture-style.ts';
import { applyEvent, emptyRoom } from '../../src/story/reduce.ts';

const at = '2026-01-01T00:00:00.000Z';
const mo = { kind: 'user' as const, id: 'u1', name: 'Mo' };

function roomWith(...bodies: object[]) {
  const room = emptyRoom('r', { platform: 'console', workspaceId: 'local', channelId: 'x' });
  let seq = 0;
  for (const body of bodies) applyEvent(room, { v: 3, seq: ++seq, at, actor: mo, ...body } as StoryEvent);
  return room;
}

describe('pictureStyle', () => {
  it('is the storyboard default (undefined) while the room has no style notes', () => {
    expect(pictureStyle(roomWith())).toBeUndefined();
    expect(
      pictureStyle(roomWith({ type: 'style.set', style: { sample: 'He ran. It rained.' } })),
    ).toBeUndefined();
  });

  it("follows the room's style notes, and forgets them when the style is cleared", () => {
    const set = { type: 'style.set', style: { notes: 'stark, high contrast, dry humour' } };
    expect(pictureStyle(roomWith(set))).toBe('stark, high contrast, dry humour');
    expect(pictureStyle(roomWith(set, { type: 'style.cleared' }))).toBeUndefined();
  });

  it('keeps at most 200 characters and never splits a surrogate pair', () => {
    const style = pictureStyle(roomWith({ type: 'style.set', style: { notes: '😀'.repeat(300) } }));
    expect(Array.from(style ?? '')).toHaveLength(200);
    expect(style).toBe('😀'.repeat(200));
  });
});
