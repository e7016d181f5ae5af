import { PassThrough, Readable, Writable } from 'node:stream';
import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { localUserName, runConsoleRoom } from '../../../src/adapters/console/run-console-room.ts';
import { commands } from '../../../src/commands/index.ts';
import { createOfflineNarrator } from '../../../src/llm/offline-narrator.ts';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../../src/story/engine.ts';
import type { Narrator } from '../../../src/story/narrator.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';
import { createRecordingLogger } from '../../helpers/recording-logger.ts';
import { createRecordingNarrator } from '../../helpers/recording-narrator.ts';

const ROOM = { platform: 'console', workspaceId: 'local', channelId: 'test' } as const;

function setup(narrator: Narrator = createOfflineNarrator()) {
  const clock = createFakeClock();
  const logger = createRecordingLogger();
  const engine = createStoryEngine({ store: createKeyvEventStore(new Keyv()), narrator, clock, logger });
  let printed = '';
  const output = new Writable({
    decodeStrings: false,
    write(chunk, _encoding, done) {
      printed += String(chunk);
      done();
    },
  });
  const run = (input: Readable, interactive = false) =>
    runConsoleRoom({
      engine,
      commands,
      input,
      output,
      logger,
      interactive,
      channel: 'test',
      user: 'mo',
      now: clock.now,
    });
  return { clock, logger, engine, output, run, printed: () => printed };
}

async function waitFor(check: () => boolean, what: string) {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const piped = (...lines: string[]) => Readable.from([`${lines.join('\n')}\n`]);

describe('runConsoleRoom, reading from a pipe', () => {
  it('echoes each command, prints what the room shows, skips blanks and comments, and ends with the input', async () => {
    const room = setup();
    await room.run(
      piped(
        '# a heist in three commands',
        '/scene start title:"The Heist" genre:noir',
        '',
        '/character add Vera A retired safecracker',
        '/say Vera We go tonight. parenthetical:quietly',
      ),
    );
    expect(room.printed()).toBe(
      [
        '> /scene start title:"The Heist" genre:noir',
        'mo started "The Heist" (noir, earnest).',
        'Add characters with /character add, then /scene continue or write lines with /say and /action.',
        '',
        '> /character add Vera A retired safecracker',
        'mo added Vera: A retired safecracker',
        '',
        '> /say Vera We go tonight. parenthetical:quietly',
        '                    VERA',
        '               (quietly)',
        '          We go tonight.',
        '                                                        — mo',
        '',
        '',
      ].join('\n'),
    );
    room.engine.stop();
  });

  it('attributes narrator beats to the offline narrator and never prints colours or a prompt', async () => {
    const room = setup();
    await room.run(piped('/scene start title:Noir', '/scene continue the lights go out'));
    expect(room.printed()).toContain('— offline narrator');
    expect(room.printed()).toContain('The lights go out.');
    expect(room.printed()).not.toContain('\u001b');
    expect(room.printed()).not.toContain('test> ');
    room.engine.stop();
  });

  it('runs /as commands as other people: separate ballots, their own roles, private replies to them', async () => {
    const room = setup();
    await room.run(
      piped(
        '/scene start title:Noir',
        '/room settings who_may_continue:writers',
        '/vote open "Go left" "Go right" duration:30s',
        '/as alice /vote cast 2',
        '/as bob:audience /vote cast B',
        '/as bob:audience /action Bob grabs the money.',
        '/as alice /vote cast 1',
        '/vote status',
      ),
    );
    const shown = room.printed();
    expect(shown).toContain('(only alice sees this)\nYou voted for B (Go right).');
    expect(shown).toContain(
      '(only bob sees this)\nIn this room only writers and moderators add to the story.',
    );
    expect(shown).toContain('(only alice sees this)\nYou voted for A (Go left) instead of B.');
    expect(shown).toContain(
      '(only you see this)\nVOTE · open · closes in 30s (at ' +
        `${new Date(room.clock.now() + 30_000).toTimeString().slice(0, 8)})\n` +
        '  A. Go left   1 vote\n  B. Go right  1 vote',
    );
    room.engine.stop();
  });

  it('lets the local user act as a moderator and refuses the same to a writer', async () => {
    const room = setup();
    await room.run(
      piped('/scene start title:Noir', '/action A shot rings out.', '/as alice /scene undo', '/scene undo'),
    );
    expect(room.printed()).toContain('(only alice sees this)\nOnly moderators can undo beats.');
    expect(room.printed()).toContain('mo took back the last beat.');
    room.engine.stop();
  });

  it('shows a vote that closes at its deadline, between commands', async () => {
    const room = setup();
    const input = new PassThrough();
    const done = room.run(input);
    input.write(
      '/scene start title:Noir\n/vote open "Go left" "Go right" duration:30s\n/as alice /vote cast 2\n',
    );
    await waitFor(() => room.printed().includes('You voted for B'), 'the ballot');
    await room.clock.advance(30_000);
    input.end('/vote status\n');
    await done;
    const shown = room.printed();
    const notice = shown.indexOf('The vote has closed at its deadline.\nB. Go right wins.');
    expect(notice).toBeGreaterThan(shown.indexOf('You voted for B'));
    expect(notice).toBeLessThan(shown.indexOf('> /vote status'));
    expect(shown.slice(notice)).toContain('VOTE · closed at its deadline');
    room.engine.stop();
  });

  it("shows a vote closing at its deadline in the room's language, whatever the terminal's", async () => {
    const room = setup();
    const input = new PassThrough();
    const done = room.run(input);
    input.write(
      '/scene start title:夜 language:zh-CN\n/vote open 向左走 向右走 duration:30s\n/as alice /vote cast 2\n',
    );
    // alice's confirmation is private: this terminal's language (English, none set).
    await waitFor(() => room.printed().includes('You voted for B'), 'the ballot');
    await room.clock.advance(30_000);
    input.end('/vote status\n');
    await done;
    const shown = room.printed();
    const notice = shown.indexOf('投票时间到，已经结束。\nB. 向右走 胜出，下一段剧情将沿着它展开。');
    expect(notice).toBeGreaterThan(shown.indexOf('You voted for B'));
    expect(shown.slice(notice)).toContain('投票 · 已按时结束\n  A. 向左走  0 票\n  B. 向右走  1 票  ← 胜出');
    room.engine.stop();
  });

  it('lists every command with its options in order for /help', async () => {
    const room = setup();
    await room.run(piped('/help'));
    expect(room.printed()).toContain('  /say <character> <text> [parenthetical]: Write a line of dialogue');
    expect(room.printed()).toContain('/as alice /vote cast 2 runs one command as alice');
    room.engine.stop();
  });

  it('stops reading at /quit', async () => {
    const room = setup();
    await room.run(piped('/help', '/quit', '/scene start title:Never'));
    expect(room.printed()).toContain('storyroom commands');
    expect(room.printed()).not.toContain('Never');
    room.engine.stop();
  });

  it('finishes without throwing when the output breaks (a closed pipe)', async () => {
    const room = setup();
    const broken = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    await runConsoleRoom({
      engine: room.engine,
      commands,
      input: piped('/help', '/scene start title:Noir'),
      output: broken,
      logger: room.logger,
      interactive: false,
    });
    expect(room.logger.entries.some((entry) => entry.msg?.includes('console output failed'))).toBe(true);
    // The commands still ran.
    expect((await room.engine.room({ ...ROOM, channelId: 'local' })).story?.title).toBe('Noir');
    room.engine.stop();
  });

  it('names the local user after the OS user, or "you"', () => {
    expect(localUserName()).toMatch(/^[\p{L}\p{N}._-]{1,40}$/u);
  });
});

describe('runConsoleRoom in a terminal', () => {
  it('prompts, streams the narrator text as it comes, then prints the finished beat', async () => {
    const narrator = createRecordingNarrator();
    narrator.beats.push({ kind: 'action', text: 'The lights go out all at once.' });
    const room = setup(narrator);
    const input = new PassThrough();
    const done = room.run(input, true);
    input.write('/scene start title:Noir\r');
    input.write('/scene continue\r');
    await waitFor(() => room.printed().includes('— recording'), 'the beat');
    input.end();
    await done;
    const shown = room.printed();
    expect(shown).toContain('test> ');
    // The recording narrator streams its text in two halves.
    const streamed = shown.indexOf('\u001b[2mThe lights go o\u001b[22m\u001b[2mut all at once.\u001b[22m');
    const final = shown.indexOf('The lights go out all at once.\n');
    expect(streamed).toBeGreaterThan(-1);
    expect(final).toBeGreaterThan(streamed);
    room.engine.stop();
  });

  it('cancels the beat being written on Ctrl-C, and leaves on Ctrl-C at an empty prompt', async () => {
    const narrator = createRecordingNarrator();
    const room = setup(narrator);
    const input = new PassThrough();
    const done = room.run(input, true);
    input.write('/scene start title:Noir\r');
    await waitFor(() => room.printed().includes('started "Noir"'), 'the story');
    narrator.hold();
    input.write('/scene continue\r');
    await waitFor(() => narrator.calls.length === 1, 'the narrator call');
    input.write('\u0003');
    await waitFor(() => room.printed().includes('The beat was cancelled'), 'the cancellation');
    input.write('\u0003');
    await done;
    const state = await room.engine.room(ROOM);
    expect(Object.keys(state.beats)).toHaveLength(0);
    expect(room.printed()).toContain(
      '(only you see this)\nThe beat was cancelled before it was finished. Nothing was added.',
    );
    room.engine.stop();
  });
});
