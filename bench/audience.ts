// The audience (issue 13): reactions recorded into one room (a flood of repeats stored once), the cost of the
// prompt's audience line on a long story (per generation), the prefix it leaves cached, and /recap and
// /review with the offline narrator on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { beatTask } from '../src/llm/narration-tasks.ts';
import { assemblePrompt } from '../src/llm/prompt/assemble-prompt.ts';
import { AUDIENCE_LINE_TOKENS, audienceLine } from '../src/llm/prompt/audience-line.ts';
import { estimateTokens } from '../src/llm/prompt/token-estimate.ts';
import type { EventBody, StoryEvent } from '../src/story/events.ts';
import { applyEvent, emptyRoom } from '../src/story/reduce.ts';
import {
  type Actor,
  type Author,
  DEFAULT_SETTINGS,
  type RoomRef,
  type RoomState,
} from '../src/story/types.ts';
import { withEngine } from './engine.ts';
import { percentile, round } from './stats.ts';

const mod: Actor = { id: 'mod', name: 'Mo', role: 'moderator' };
const WARM_UP = 100;
const EMOJI = ['👍', '❤', '😂', '🔥', '👎', '😴', '😮', 'party_parrot'];

async function reactionsIntoOneRoom(url: string, people: number, repeats: number) {
  return withEngine(url, async (engine) => {
    const room: RoomRef = { platform: 'console', workspaceId: 'bench', channelId: 'reactions' };
    await engine.startStory(room, mod, { title: 'Reactions', heading: 'INT. HALL - DAY' });
    for (let i = 0; i < 5; i++) await engine.action(room, mod, { text: `Beat ${i}.` });
    const before = (await engine.room(room)).seq;
    const crowd: Actor[] = Array.from({ length: people }, (_, i) => ({
      id: `p${i}`,
      name: `P${i}`,
      role: 'audience',
    }));
    const calls = crowd.flatMap((person, i) =>
      Array.from(
        { length: repeats },
        () => () => engine.react(room, person, { beat: 'last', emoji: EMOJI[i % 4] as string }),
      ),
    );
    const started = performance.now();
    await Promise.all(calls.map((call) => call()));
    const seconds = (performance.now() - started) / 1000;
    const state = await engine.room(room);
    const stored = state.seq - before;
    const counted = Object.values(state.reactions?.[state.headId ?? ''] ?? {}).flat().length;
    const perSecond = Math.round(calls.length / seconds);
    return {
      people,
      reactions_sent: calls.length,
      events_stored: stored,
      reactions_counted: counted,
      reactions_per_second: perSecond,
      target: '>= 1,000 reactions/s into one room; each person-emoji stored once',
      meets_target: perSecond >= 1000 && stored === people && counted === people,
    };
  });
}

/** A 5,000-beat story folded straight from events, reactions on the last 200 beats. */
function longStory(beats: number): {
  room: RoomState;
  react: (beatId: string, emoji: string, who: number) => void;
} {
  const room = emptyRoom('console:bench:line', {
    platform: 'console',
    workspaceId: 'bench',
    channelId: 'line',
  });
  const at = '2026-01-01T00:00:00.000Z';
  const author: Author = { kind: 'user', id: 'mod', name: 'Mo' };
  const apply = (body: EventBody, actor: Author = author) =>
    applyEvent(room, { ...body, v: 3, seq: room.seq + 1, at, actor } as StoryEvent);
  apply({
    type: 'story.started',
    story: {
      title: 'Long',
      premise: '',
      genre: 'noir',
      tone: 'tense',
      language: 'en',
      rating: 'teen',
      startedBy: author,
      startedAt: at,
    },
    settings: { ...DEFAULT_SETTINGS },
  });
  for (const name of ['Ada', 'Bo', 'Cy'])
    apply({
      type: 'character.added',
      character: { name, description: `${name} is here.`, voice: '', createdBy: author, createdAt: at },
    });
  for (let i = 0; i < beats; i++) {
    const dialogue = i % 3 === 0;
    apply({
      type: 'beat.added',
      beat: {
        id: `b${room.seq + 1}`,
        parentId: room.headId,
        kind: dialogue ? 'dialogue' : 'action',
        character: dialogue ? ['Ada', 'Bo', 'Cy'][i % 3] : undefined,
        text: `Beat ${i}: something happens in the hall, at some length, with a detail or two.`,
        author,
        at,
      },
    });
  }
  const react = (beatId: string, emoji: string, who: number) =>
    apply({ type: 'reaction.added', beatId, emoji }, { kind: 'user', id: `p${who}`, name: `P${who}` });
  return { room, react };
}

function lineOnALongStory(beats: number, calls: number) {
  const { room, react } = longStory(beats);
  const path = Object.keys(room.beats);
  for (const [n, beatId] of path.slice(-200).entries())
    for (let who = 0; who < (n % 7) + 1; who++) react(beatId, EMOJI[(n + who) % EMOJI.length] as string, who);
  const samples: number[] = [];
  let tokens = 0;
  for (let i = 0; i < WARM_UP + calls; i++) {
    const started = performance.now();
    const line = audienceLine(room);
    if (i >= WARM_UP) samples.push(performance.now() - started);
    tokens = Math.max(tokens, estimateTokens(line));
  }
  samples.sort((a, b) => a - b);
  const p99 = round(percentile(samples, 99));
  // Two prompts with a reaction between them: what the second shares with the first.
  const budget = { contextTokens: 8192, maxReplyTokens: 1024 };
  const first = assemblePrompt(room, beatTask({ room }), budget);
  react(path.at(-1) as string, '🔥', 99);
  const second = assemblePrompt(room, beatTask({ room }), budget);
  const a = first.messages.map((m) => m.content).join('\n');
  const b = second.messages.map((m) => m.content).join('\n');
  let shared = 0;
  while (shared < a.length && a[shared] === b[shared]) shared++;
  const prefix = round(estimateTokens(a.slice(0, shared)) / estimateTokens(b), 3);
  return {
    beats,
    line_tokens_max: tokens,
    line_p50_ms: round(percentile(samples, 50)),
    line_p99_ms: p99,
    prompt_tokens: second.tokens,
    prompt_budget: second.budget,
    prefix_shared_after_a_reaction: prefix,
    target: `line <= ${AUDIENCE_LINE_TOKENS} tokens, p99 < 2 ms on a ${beats}-beat story; prompt within budget`,
    meets_target: tokens <= AUDIENCE_LINE_TOKENS && p99 < 2 && second.tokens <= second.budget,
  };
}

async function recapAndReview(url: string, rounds: number) {
  return withEngine(url, async (engine) => {
    const room: RoomRef = { platform: 'console', workspaceId: 'bench', channelId: 'recap' };
    await engine.startStory(room, mod, { title: 'Recaps', heading: 'INT. HALL - DAY' });
    await engine.addCharacter(room, mod, { name: 'Ada' });
    for (let i = 0; i < 500; i++)
      await engine.action(room, mod, { text: `Beat ${i}: the hall hums. Someone moves.` });
    const samples = { recap: [] as number[], review: [] as number[] };
    for (let i = 0; i < WARM_UP + rounds; i++) {
      const reader: Actor = { id: `r${i}`, name: `R${i}`, role: 'audience' };
      let started = performance.now();
      await engine.recap(room, reader);
      const recapMs = performance.now() - started;
      started = performance.now();
      await engine.review(room, reader, { personal: i % 2 === 0 });
      const reviewMs = performance.now() - started;
      if (i < WARM_UP) continue;
      samples.recap.push(recapMs);
      samples.review.push(reviewMs);
    }
    const figure = (list: number[]) => {
      list.sort((a, b) => a - b);
      return { p50_ms: round(percentile(list, 50)), p99_ms: round(percentile(list, 99)) };
    };
    const recap = figure(samples.recap);
    const review = figure(samples.review);
    return {
      beats: 500,
      recap,
      review,
      target: 'p99 < 20 ms each (offline narrator, 500-beat room)',
      meets_target: recap.p99_ms < 20 && review.p99_ms < 20,
    };
  });
}

export async function benchAudience() {
  const dir = mkdtempSync(join(tmpdir(), 'storyroom-bench-audience-'));
  try {
    const url = `sqlite://${join(dir, 'bench.sqlite')}`;
    return {
      store: 'sqlite',
      reactions: await reactionsIntoOneRoom(url, 2000, 5),
      audience_line: lineOnALongStory(5000, 1000),
      recap_review: await recapAndReview(url, 500),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) process.stdout.write(`${JSON.stringify(await benchAudience(), null, 2)}\n`);
