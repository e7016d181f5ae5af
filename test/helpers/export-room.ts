// Rooms to export: a small one made through the engine (every kind of beat, a rewrite, an undo, votes with
// ballots, a lock, settings, canon and character removals, a style, reactions, hostile and Chinese text), and a large one made
// as events directly (thousands of beats, votes and branches) for size and speed.
import type { StoryEvent } from '../../src/story/events.ts';
import { type RoomHistory, replay } from '../../src/story/room-history.ts';
import type { Actor, Author, RoomRef } from '../../src/story/types.ts';
import { createFixture, room } from './story-fixture.ts';

export const HOSTILE = {
  script: '<script>window.__pwned = "script"</script>',
  img: '<img src=x onerror="window.__pwned = \'img\'">',
  link: '<a href="javascript:window.__pwned=\'link\'">click</a>',
  style: '</style><script>window.__pwned = "style"</script>',
};

export const ana: Actor = { id: 'u-ana', name: 'Ana <b>&amp;</b>', role: 'writer' };
export const mo: Actor = { id: 'u-mo', name: 'Mo', role: 'moderator' };
export const bo: Actor = { id: 'u-bo', name: '@Bo ^', role: 'audience' };

/** A story with a bit of everything, made by the real engine (times from a fake clock). */
export async function makeRichHistory(): Promise<{ history: RoomHistory; ref: RoomRef }> {
  const { engine, clock } = createFixture();
  await engine.startStory(room, mo, { title: 'The Heist <i>', genre: 'noir', heading: 'INT. DINER - NIGHT' });
  await engine.addCharacter(room, mo, { name: 'Vera', description: 'A safecracker' });
  await engine.addCharacter(room, ana, { name: 'EXT. Sam (V.O.)', description: HOSTILE.img });
  await engine.addCharacter(room, mo, { name: '小龙', description: '厨师' });
  await engine.addCharacter(room, mo, { name: 'Extra', description: 'leaves soon' });
  await engine.removeCharacter(room, mo, { name: 'Extra' });
  await engine.say(room, ana, {
    character: 'Vera',
    text: 'Keep the engine running.',
    parenthetical: 'quietly',
  });
  await engine.action(room, mo, { text: `SHE LOOKS UP.\n${HOSTILE.script}` });
  await engine.say(room, ana, { character: 'EXT. Sam (V.O.)', text: `${HOSTILE.link}\n\n(beat) *not bold*` });
  await engine.say(room, mo, { character: '小龙', text: '我们走吧。今晚就走。' });
  await engine.action(room, mo, {
    text: `!bang @at .dot >gt =eq #hash ~tilde [[note]] /* bone */ ${HOSTILE.style}`,
  });
  await engine.openVote(room, ana, { options: ['Take the back door', 'Wait for <Sam>'] });
  await engine.castVote(room, ana, { option: 1 });
  await engine.castVote(room, bo, { option: 2 });
  await engine.castVote(room, mo, { option: 2 });
  await engine.castVote(room, ana, { option: 2 });
  await clock.advance(61_000);
  await engine.continueStory(room, mo, {});
  await engine.rewrite(room, mo, { direction: 'quieter' });
  await engine.action(room, mo, { text: 'An abandoned line.' });
  await engine.undo(room, mo);
  await engine.action(room, mo, { text: 'smash cut to:', kind: 'transition' });
  await engine.newScene(room, mo, { heading: 'EXT. 屋顶 - 黎明', description: '风很大。' });
  await engine.updateSettings(room, mo, { voteDurationMs: 90_000, cooldownMs: 0 });
  await engine.addCanon(room, mo, { text: 'The safe is empty.' });
  await engine.removeCanon(room, mo, { number: 1 });
  await engine.openVote(room, mo, { options: ['Jump', 'Talk'] });
  await engine.castVote(room, bo, { option: 1 });
  await engine.extendVote(room, mo, { byMs: 30_000 });
  await engine.closeVote(room, mo, { pick: 2 });
  await engine.openVote(room, mo, { options: ['Stay', 'Go'] });
  await engine.cancelVote(room, mo);
  await engine.setStyle(room, mo, { sample: HOSTILE.script, notes: HOSTILE.img });
  await engine.react(room, bo, { beat: '2', emoji: '👍' });
  await engine.react(room, ana, { beat: '2', emoji: '<:pwned_onerror:1>' });
  await engine.lock(room, mo);
  await engine.unlock(room, mo);
  await engine.recordExport(room, mo, { format: 'pdf', scope: 'story' });
  const history = await engine.history(room);
  engine.stop();
  return { history, ref: room };
}

const ref: RoomRef = { platform: 'console', workspaceId: 'bench', channelId: 'big' };

/**
 * A room of `beats` beats with `votes` closed votes and `branches` undone branches, as events (the engine's
 * own shapes, folded by its reducer). Deterministic.
 */
export function makeBigHistory(beats = 5000, votes = 200, branches = 20, language = 'en'): RoomHistory {
  const events: StoryEvent[] = [];
  const start = Date.parse('2026-03-01T18:00:00Z');
  const people: Author[] = Array.from({ length: 12 }, (_, i) => ({
    kind: 'user',
    id: `u${i}`,
    name: `Writer ${i}`,
  }));
  const narrator: Author = { kind: 'narrator', model: 'offline' };
  const push = (actor: Author, body: Record<string, unknown>) => {
    const seq = events.length + 1;
    events.push({ v: 2, seq, at: new Date(start + seq * 7000).toISOString(), actor, ...body } as StoryEvent);
    return events[seq - 1] as StoryEvent;
  };
  const person = (i: number) => people[i % people.length] as Author & { kind: 'user' };
  push(person(0), {
    type: 'story.started',
    story: {
      title: 'The Long Night',
      premise: '',
      genre: 'drama',
      tone: 'earnest',
      language,
      rating: 'teen',
      startedBy: person(0),
      startedAt: new Date(start).toISOString(),
    },
    settings: {
      voteDurationMs: 60000,
      whoMayContinue: 'everyone',
      cooldownMs: 0,
      autoVote: false,
      characterVoices: false,
    },
  });
  const cast = ['ADA', 'BO', 'CLEM', '小龙'];
  for (const name of cast) {
    push(person(0), {
      type: 'character.added',
      character: {
        name,
        description: '',
        voice: '',
        createdBy: person(0),
        createdAt: new Date(start).toISOString(),
      },
    });
  }
  let head: string | null = null;
  const voteEvery = Math.max(1, Math.floor(beats / Math.max(1, votes)));
  const branchEvery = Math.max(1, Math.floor(beats / Math.max(1, branches)));
  let voteCount = 0;
  let branchCount = 0;
  const text =
    language === 'zh'
      ? '雨一直下，街上没有人。她停下来，听着远处的声音。'
      : 'Rain keeps falling on the empty street; she stops and listens to the far-off sound of the trains.';
  for (let i = 0; i < beats; i++) {
    const seq = events.length + 1;
    const id = `b${seq}`;
    const kind = i % 60 === 0 ? 'scene' : i % 3 === 0 ? 'dialogue' : 'action';
    const sceneId = kind === 'scene' ? `s${seq}` : undefined;
    const author = i % 2 === 0 ? narrator : person(i);
    push(author.kind === 'user' ? author : person(1), {
      type: 'beat.added',
      beat: {
        id,
        parentId: head,
        kind,
        text: kind === 'scene' ? `INT. ROOM ${i / 60} - NIGHT` : `${text} (${i})`,
        ...(kind === 'dialogue'
          ? { character: cast[i % cast.length], parenthetical: i % 9 === 0 ? 'quietly' : undefined }
          : {}),
        ...(sceneId ? { sceneId } : {}),
        author,
        at: new Date(start + seq * 7000).toISOString(),
      },
      ...(sceneId
        ? { scene: { id: sceneId, heading: `INT. ROOM ${i / 60} - NIGHT`, description: 'Dark.' } }
        : {}),
    });
    head = id;
    if (i % branchEvery === branchEvery - 1 && branchCount < branches) {
      branchCount += 1;
      // A take written, then undone: the branch stays in the tree.
      const parent: string = head;
      const seq2 = events.length + 1;
      push(person(2), {
        type: 'beat.added',
        beat: {
          id: `b${seq2}`,
          parentId: parent,
          kind: 'action',
          text: `A branch not taken (${branchCount}).`,
          author: person(2),
          at: new Date(start + seq2 * 7000).toISOString(),
        },
      });
      push(person(3), { type: 'head.moved', headId: parent, reason: 'undo' });
    }
    if (i % voteEvery === voteEvery - 1 && voteCount < votes) {
      voteCount += 1;
      const voteId = `v${events.length + 1}`;
      push(person(4), {
        type: 'vote.opened',
        voteId,
        options: ['Go left', 'Go right', 'Wait'],
        deadline: new Date(start + (events.length + 60) * 7000).toISOString(),
      });
      const tally = [0, 0, 0];
      for (let b = 0; b < 5; b++) {
        const option = (b + voteCount) % 3;
        tally[option] = (tally[option] ?? 0) + 1;
        push(person(b), { type: 'vote.cast', voteId, option });
      }
      const winner = tally.indexOf(Math.max(...tally));
      push(
        { kind: 'system' },
        { type: 'vote.closed', voteId, result: { winner, tally, reason: 'deadline' } },
      );
    }
  }
  const roomId = 'console:bench:big';
  return { roomId, ref, schemaVersion: 2, events, state: replay(roomId, ref, events) };
}

/** A history whose story is these beats, one after another (for renderer property tests). */
export function historyOfBeats(
  beats: {
    kind: 'scene' | 'action' | 'dialogue' | 'transition';
    text: string;
    character?: string;
    parenthetical?: string;
    description?: string;
  }[],
  title = 'T',
): RoomHistory {
  const at = '2026-01-01T00:00:00.000Z';
  const who: Author = { kind: 'user', id: 'u1', name: 'Ana' };
  const events: StoryEvent[] = [];
  const push = (body: Record<string, unknown>) =>
    events.push({ v: 2, seq: events.length + 1, at, actor: who, ...body } as StoryEvent);
  push({
    type: 'story.started',
    story: {
      title,
      premise: '',
      genre: 'drama',
      tone: 'earnest',
      language: 'en',
      rating: 'teen',
      startedBy: who,
      startedAt: at,
    },
    settings: {
      voteDurationMs: 60000,
      whoMayContinue: 'everyone',
      cooldownMs: 0,
      autoVote: false,
      characterVoices: false,
    },
  });
  let parentId: string | null = null;
  for (const input of beats) {
    const id = `b${events.length + 1}`;
    const sceneId = input.kind === 'scene' ? `s${events.length + 1}` : undefined;
    push({
      type: 'beat.added',
      beat: {
        id,
        parentId,
        kind: input.kind,
        text: input.text,
        ...(input.character === undefined ? {} : { character: input.character }),
        ...(input.parenthetical === undefined ? {} : { parenthetical: input.parenthetical }),
        ...(sceneId ? { sceneId } : {}),
        author: who,
        at,
      },
      ...(sceneId
        ? { scene: { id: sceneId, heading: input.text, description: input.description ?? '' } }
        : {}),
    });
    parentId = id;
  }
  const refOf: RoomRef = { platform: 'console', workspaceId: 'local', channelId: 'prop' };
  return {
    roomId: 'console:local:prop',
    ref: refOf,
    schemaVersion: 2,
    events,
    state: replay('console:local:prop', refOf, events),
  };
}
