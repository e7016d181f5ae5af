// A few thousand generated interactions through the real adapter, client and engine (offline narrator,
// in-memory store, the fake Discord HTTP API): slash commands with random option values, hostile text among
// them, and clicks on buttons with random custom ids, valid-looking vote ids and the ids of real vote buttons.
// Each must be answered, none may fail unexpectedly, and the event loop must never stall.
import { setImmediate } from 'node:timers/promises';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeOptions } from '../../../src/commands/describe-options.ts';
import { commands as allCommands } from '../../../src/commands/index.ts';
import { GENERIC_ERROR as GENERIC_ERROR_MESSAGE } from '../../../src/commands/run-command.ts';
import { sharedTranslator } from '../../../src/i18n/catalog.ts';
import { msg } from '../../../src/i18n/message.ts';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import {
  ALICE,
  APP_ID,
  BOB,
  buttonClick,
  CHANNEL_ID,
  GUILD_ID,
  MOD,
  type Person,
  slashCommand,
} from '../../helpers/discord-payloads.ts';
import { fakeDiscordRest } from '../../helpers/discord-rest.ts';
import { hostileText } from '../../helpers/hostile-text.ts';
import { type Random, seededRandom } from '../../helpers/seeded-random.ts';
import { startStallRecorder } from '../../helpers/stall-recorder.ts';

/**
 * The exports render whole files (a PDF, a PNG) of a story that grows to hundreds of beats here, which takes
 * seconds; they have their own tests (export-commands) and benchmarks.
 */
const commands = allCommands.filter((command) => command.name !== 'export' && command.name !== 'story map');
const GENERIC_ERROR = sharedTranslator().translate('en', GENERIC_ERROR_MESSAGE);

const INTERACTIONS = 2000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const STRING_MAX = 6000;
const TRIGGERS = ['~', '|', '`', '\\', '*_', 'x', '林'].map((unit) => unit.repeat(1000 / unit.length));
const OPENING: [string, Record<string, string>][] = [
  ['scene start', { title: 'The Heist', heading: 'INT. DINER - NIGHT' }],
  ['character add', { name: 'Vera', description: 'A safecracker' }],
  ['character add', { name: 'Sam', description: 'The driver' }],
];

let harness: Harness;
let rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeEach(() => {
  rejections = [];
  process.on('unhandledRejection', onRejection);
});
afterEach(async () => {
  process.off('unhandledRejection', onRejection);
  await harness.close();
  harness.rest.stop();
});

type Payload = { id: string; token: string; data: unknown };

function commandPayload(random: Random, pool: string[], person: Person): Payload {
  const command = random.pick(commands);
  const options: Record<string, string | number | boolean> = {};
  for (const spec of describeOptions(command)) {
    if (!spec.required && random.chance(0.5)) continue;
    if (spec.input === 'boolean') options[spec.name] = random.chance(0.5);
    else if (spec.input === 'integer') {
      const min = spec.min ?? -1000;
      const max = spec.max ?? 1000;
      options[spec.name] = min + random.int(max - min + 1);
    } else if (spec.choices) options[spec.name] = random.pick(spec.choices);
    else {
      const max = Math.min(spec.maxLength ?? STRING_MAX, STRING_MAX);
      const text = random.chance(0.1) ? random.pick(TRIGGERS) : random.pick(pool);
      options[spec.name] = text.slice(0, max) || 'x';
    }
  }
  return slashCommand(command.name, options, person);
}

function customId(random: Random, pool: string[], seen: string[]): string {
  const roll = random.int(4);
  if (roll === 0 && seen.length > 0) return random.pick(seen);
  if (roll === 1) {
    const vote = random.chance(0.5) ? 'v1' : random.pick(['v999', 'x'.repeat(40), '__proto__', 'v-1']);
    return `storyroom:vote:${random.chance(0.8) ? GUILD_ID : '1'}:${random.chance(0.8) ? CHANNEL_ID : '2'}:${vote}:${1 + random.int(6)}`;
  }
  if (roll === 2) return `storyroom:vote:${random.pick(pool)}`.slice(0, 100);
  return random.pick(pool).slice(0, 100) || 'x';
}

describe('the Discord adapter under fuzz', () => {
  it(`answers each of ${INTERACTIONS} generated interactions without an unexpected error or a stalled event loop`, async () => {
    // Edits as often as they come: the throttles' waits would only make the run longer.
    const rest = fakeDiscordRest({ channelId: CHANNEL_ID, applicationId: APP_ID, answerLater: true });
    harness = await startHarness({ rest, config: { streamEditMs: 1, voteEditMs: 1 } });
    // Nor the REST client's global limit (50 requests a second): the fake API answers at once.
    (
      harness.client.rest as unknown as { options: { globalRequestsPerSecond: number } }
    ).options.globalRequestsPerSecond = 1e9;
    const random = seededRandom(SEED);
    const pool = fc.sample(hostileText({ maxLength: 1500 }), { numRuns: 300, seed: SEED });
    const people = [ALICE, BOB, MOD];
    const sent: Payload[] = [];
    const seenIds: string[] = [];
    // The catalog's formatters are built on first use, once per process: not a stall a person would see twice.
    for (const locale of sharedTranslator().locales)
      sharedTranslator().translate(locale, msg('story.vote.none-open'));
    const stalls = startStallRecorder();
    for (const [name, options] of OPENING) {
      const payload = slashCommand(name, options, MOD);
      sent.push(payload);
      await harness.send(payload);
    }
    while (sent.length < INTERACTIONS) {
      const person = random.pick(people);
      const payload = random.chance(0.7)
        ? commandPayload(random, pool, person)
        : buttonClick(customId(random, pool, seenIds), '1600000000000000001', person);
      sent.push(payload);
      // Gateway events arrive one macrotask each, and the fake API answers in a later one, as a network does.
      await stalls.unit(payload.data, () => harness.send(payload), setImmediate);
      if (sent.length % 50 === 0) {
        for (const call of harness.rest.calls.slice(-50)) {
          for (const row of call.body?.components ?? []) {
            for (const button of row.components ?? []) if (button.custom_id) seenIds.push(button.custom_id);
          }
        }
      }
    }
    stalls.stop();

    const context = `seed ${SEED}`;
    const answered = new Set(
      harness.rest
        .find('POST', /^\/interactions\/\d+\/[^/]+\/callback$/)
        .map((call) => call.path.split('/')[2]),
    );
    const unanswered = sent.filter((payload) => !answered.has(payload.id));
    expect(unanswered, context).toEqual([]);
    const bodies = JSON.stringify(harness.rest.calls.map((call) => call.body));
    expect(bodies.includes(GENERIC_ERROR), context).toBe(false);
    expect(
      harness.logs.filter((entry) => entry.level === 'error'),
      context,
    ).toEqual([]);
    expect(rejections, context).toEqual([]);
    console.info(
      `Discord fuzz: ${sent.length} interactions, ${stalls.samples} samples; worst event-loop delay ` +
        `${stalls.worstMs.toFixed(1)} ms raw (in ${stalls.worstRawWhat}), ${stalls.worstOwnMs.toFixed(1)} ms ` +
        `CPU-adjusted (in ${stalls.worstWhat}); ${context}`,
    );
    expect(stalls.samples).toBeGreaterThan(50);
    // Asserted on the CPU-adjusted figure, per interaction: the machine is shared with other test runs, whose
    // time slices pause this process for longer than 100 ms now and then (raw delays up to several hundred ms
    // under load) without any of our work running; a task of ours that blocks the loop uses the CPU for as long
    // as it blocks, so the adjusted figure keeps it.
    expect(stalls.worstOwnMs, `${context}; ${stalls.worstWhat}`).toBeLessThan(100);
    // The fuzz really reached the engine: a story with beats and votes, and clicks on real vote buttons.
    const room = await harness.engine.room({
      platform: 'discord',
      workspaceId: GUILD_ID,
      channelId: CHANNEL_ID,
    });
    expect(Object.keys(room.beats).length, context).toBeGreaterThan(20);
    expect(seenIds.length, context).toBeGreaterThan(0);
  }, 120_000); // about 15 s alone, longer when the whole suite shares the machine
});
