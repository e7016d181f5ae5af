// Two engines (as two bot processes) on two clients of one store, writing one room at the same time: nothing
// either acknowledges may be lost, and a beat being written on one is refused on the other.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { createStoryEngine, type StoryEngine } from '../../src/story/engine.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import { roomIdOf } from '../../src/story/room-id.ts';
import type { Actor } from '../../src/story/types.ts';
import { createFakeClock } from '../helpers/fake-clock.ts';
import { createRecordingNarrator } from '../helpers/recording-narrator.ts';
import { mod, room } from '../helpers/story-fixture.ts';
import { expectUserError } from '../helpers/user-error.ts';

const PEOPLE = 30;
const LINES = 15;

/** openStore opens a new client on one fresh space of the backend, each time the same data. */
export function describeTwoEngines(name: string, openStore: () => Promise<EventStore>): void {
  describe(`${name}: two engines on two store clients writing one room`, () => {
    const stores: EventStore[] = [];
    const engines: StoryEngine[] = [];
    afterEach(async () => {
      for (const engine of engines.splice(0)) engine.stop();
      for (const store of stores.splice(0)) await store.close().catch(() => undefined);
    });
    const clock = createFakeClock();
    const engineOn = async () => {
      const store = await openStore();
      stores.push(store);
      const engine = createStoryEngine({
        store,
        narrator: createRecordingNarrator(),
        clock,
        logger: silentLogger,
      });
      engines.push(engine);
      return engine;
    };

    it('keeps every ballot and line either engine acknowledged, interleaved', async () => {
      const [a, b] = [await engineOn(), await engineOn()];
      await a.startStory(room, mod, { title: 'Two Doors', heading: 'INT. HALL - NIGHT' });
      const vote = await b.openVote(room, mod, {
        options: ['Left door', 'Right door', 'Stay'],
        durationMs: 3_600_000,
      });
      const people: Actor[] = Array.from({ length: PEOPLE }, (_, i) => ({
        id: `p${i}`,
        name: `P${i}`,
        role: 'writer',
      }));
      const ballots = new Map<string, number>();
      const lines = new Set<string>();
      const work: Promise<unknown>[] = [];
      for (const [i, person] of people.entries()) {
        const option = (i % 3) + 1;
        work.push(
          (i % 2 ? a : b)
            .castVote(room, person, { voteId: vote.id, option })
            .then(() => ballots.set(person.id, option - 1)),
        );
        if (i < LINES) {
          const text = `Line ${i} by ${person.name}.`;
          work.push((i % 2 ? b : a).action(room, person, { text }).then(() => lines.add(text)));
        }
      }
      const outcomes = await Promise.allSettled(work);
      const failures = outcomes.filter((outcome) => outcome.status === 'rejected');

      // A third process loading the room afresh sees exactly what was acknowledged.
      const fresh = await (await engineOn()).room(room);
      const storedVote = fresh.votes[vote.id];
      const lostBallots = [...ballots].filter(([id, option]) => storedVote?.ballots[id] !== option);
      const storedLines = new Set(Object.values(fresh.beats).map((beat) => beat.text));
      const lostLines = [...lines].filter((text) => !storedLines.has(text));
      expect({ lostBallots, lostLines, failures }).toEqual({ lostBallots: [], lostLines: [], failures: [] });
      expect(ballots.size).toBe(PEOPLE);
      expect(lines.size).toBe(LINES);
      // The lines form one chain: no two beats were written on the same parent.
      const parents = Object.values(fresh.beats).map((beat) => beat.parentId);
      expect(new Set(parents).size).toBe(parents.length);
    });

    it('refuses a beat on one engine while the other is writing one, with the one-process message', async () => {
      const here = { ...room, channelId: 'beat-lease' };
      const [a, b] = [await engineOn(), await engineOn()];
      await a.startStory(here, mod, { title: 'Two Doors', heading: 'INT. HALL - NIGHT' });
      const narrator = createRecordingNarrator();
      let finish: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        finish = resolve;
      });
      const store = await openStore();
      stores.push(store);
      const slow = createStoryEngine({
        store,
        narrator: {
          ...narrator,
          writeBeat: async (...args) => {
            await held;
            return narrator.writeBeat(...args);
          },
        },
        clock,
        logger: silentLogger,
      });
      engines.push(slow);
      const writing = slow.continueStory(here, mod, {});
      await expect.poll(() => store.readLease(roomIdOf(here))).toBeDefined();
      await expectUserError(
        a.continueStory(here, mod, {}),
        /A beat is already being written \(asked by Mo\)/,
      );
      await expectUserError(b.action(here, mod, { text: 'A door creaks.' }), /already being written/);
      finish();
      await writing;
      await expect(a.continueStory(here, mod, {})).resolves.toBeDefined();
    });

    it('closes a vote exactly once when both engines keep its time, with every ballot stored before it', async () => {
      const here = { ...room, channelId: 'vote-close' };
      const [a, b] = [await engineOn(), await engineOn()];
      await a.startStory(here, mod, { title: 'Two Doors', heading: 'INT. HALL - NIGHT' });
      const vote = await a.openVote(here, mod, { options: ['Left', 'Right'], durationMs: 60_000 });
      await b.start({ rearmEveryMs: 5_000 }); // b learns of a's vote from the store
      const people = Array.from({ length: 10 }, (_, i) => ({
        id: `v${i}`,
        name: `V${i}`,
        role: 'writer' as const,
      }));
      await Promise.all(
        people.map((person, i) =>
          (i % 2 ? a : b).castVote(here, person, { voteId: vote.id, option: i < 7 ? 2 : 1 }),
        ),
      );
      await clock.advance(60_000);
      await expect.poll(async () => (await a.voteStatus(here)).status).toBe('closed');
      await new Promise((resolve) => setTimeout(resolve, 100)); // the later timer's turn, finding it closed
      const store = stores[0] as EventStore;
      const head = await store.head(roomIdOf(here));
      const log = (await store.read(roomIdOf(here), 1, head)) as {
        type: string;
        result?: { tally: number[] };
      }[];
      const closes = log.filter((event) => event.type === 'vote.closed');
      expect(closes).toHaveLength(1);
      expect(closes[0]?.result?.tally).toEqual([3, 7]);
      expect(log.at(-1)?.type).toBe('vote.closed');
      expect(await store.openVotes()).not.toHaveProperty(roomIdOf(here));
    });

    it('frees the room when a dead process’s beat lease runs out, and tells the person whose beat died', async () => {
      const here = { ...room, channelId: 'dead-holder' };
      const [a, b] = [await engineOn(), await engineOn()];
      await a.startStory(here, mod, { title: 'Two Doors', heading: 'INT. HALL - NIGHT' });
      const alice = { id: 'u-alice', name: 'Alice', role: 'writer' as const };
      const bob = { id: 'u-bob', name: 'Bob', role: 'writer' as const };
      // A process claimed Alice's beat and died before storing or releasing it.
      const store = stores[0] as EventStore;
      const lease = {
        holder: 'dead',
        by: { id: alice.id, name: alice.name },
        expiresAt: clock.now() + 30_000,
      };
      await store.claimLease(roomIdOf(here), lease, clock.now());
      await expectUserError(b.continueStory(here, bob, {}), /already being written \(asked by Alice\)/);
      await clock.advance(30_000);
      await expect(b.continueStory(here, bob, {})).resolves.toBeDefined();
      await expectUserError(a.continueStory(here, alice, {}), /Your last beat was interrupted/);
      await clock.advance(60_000); // past the cooldown
      await expect(a.continueStory(here, alice, {})).resolves.toBeDefined();
      const beats = Object.values((await a.room(here)).beats).filter(
        (beat) => beat.author.kind === 'narrator',
      );
      expect(beats).toHaveLength(2);
    });
  });
}
