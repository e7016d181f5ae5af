// /react, /recap and /review typed in the terminal (the text grammar Slack shares), offline narrator.
import { Readable, Writable } from 'node:stream';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { runConsoleRoom } from '../../../src/adapters/console/run-console-room.ts';
import { commands } from '../../../src/commands/index.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../../src/story/engine.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';

const ROOM = { platform: 'console', workspaceId: 'local', channelId: 'test' } as const;

async function session(...lines: string[]) {
  const clock = createFakeClock();
  const logger = createRecordingLogger();
  const engine = createStoryEngine({
    store: createKeyvEventStore(new Keyv()),
    narrator: createOfflineNarrator(),
    clock,
    logger,
  });
  let printed = '';
  const output = new Writable({
    decodeStrings: false,
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
  await runConsoleRoom({
    engine,
    commands,
    input: Readable.from([`${lines.join('\n')}\n`]),
    output,
    logger,
    interactive: false,
    channel: 'test',
    user: 'mo',
    now: clock.now,
  });
  return { engine, printed };
}

describe('the audience in the terminal', () => {
  it('reacts to a beat by number or "last", takes a reaction back with "remove", and says so', async () => {
    const { engine, printed } = await session(
      '/scene start title:"The Heist" heading:"INT. DINER - NIGHT"',
      '/action Vera slides into the booth.',
      '/as bo /react last 🔥',
      '/as bo /react 2 :fire:',
      '/as cy /react 2 👍',
      '/as bo /react 2 🔥 remove',
      '/react 9 👍',
      '/react last two words',
      '/react last wow!',
    );
    expect(printed).toContain('You reacted 🔥 to beat 2 (“Vera slides into the booth.”). You are the first.');
    expect(printed).toContain('You had already reacted 🔥 to beat 2.');
    expect(printed).toContain('You took back 🔥 on beat 2');
    expect(printed).toContain('There is no beat "9". Give its number in the story (1 to 2) or "last".');
    expect(printed).toContain('action: The action must be one of: add, remove.');
    expect(printed).toContain('That is not an emoji.');
    const state = await engine.room(ROOM);
    expect(Object.values(state.reactions ?? {})).toEqual([{ '👍': [expect.any(String)] }]);
  });

  it('recaps privately what came since the last recap, and reviews publicly or personally', async () => {
    const { printed } = await session(
      '/scene start title:"The Heist" heading:"INT. DINER - NIGHT"',
      '/action Vera slides into the booth.',
      '/as bo /recap',
      '/as bo /recap',
      '/action Sam kills the lights.',
      '/as bo /recap',
      '/as bo /react last 👍',
      '/review',
      '/as bo /review personal',
    );
    expect(printed).toContain('Previously on… (The latest 2 beats)\n\nPreviously on "The Heist"…');
    expect(printed).toContain('Nothing new since your last beat or recap: you are up to date.');
    expect(printed).toContain(
      'Previously on… (Since your last recap: 1 beat)\n\nPreviously on "The Heist"…\nSam kills the lights.',
    );
    expect(printed).toContain("The critic's review\n");
    expect(printed).toContain("The critic's review, for bo");
    expect(printed).toContain('You cheered 👍 at "Sam kills the lights."');
  });

  it('writes recaps and reviews of a Chinese room in Chinese', async () => {
    const { printed } = await session(
      '/scene start title:劫案 language:zh-CN heading:"内景 餐馆 - 夜"',
      '/action 薇拉溜进了卡座。',
      '/as bo /recap',
      '/review',
    );
    expect(printed).toContain('《劫案》前情提要……接着：内景 餐馆 - 夜。薇拉溜进了卡座。');
    expect(printed).toContain('影评人评论');
  });
});
