// A story night on Discord: 400 people in 50 rooms across two servers click vote buttons at about 200
// interactions a second for 4 s while 10 rooms continue their stories (offline narrator), half of them with
// character voices on, where people also /say lines: each spoken line is a channel webhook post, which goes
// through the bot's paced queue with the bot token's webhook lookups. The real adapter and discord.js client run
// against the tests' REST fake, served on loopback HTTP in this process, enforcing Discord's rate limits with its
// headers: the global 50/s per bot token (per IP without one; interaction endpoints exempt) and per-route buckets.
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { PermissionFlagsBits } from 'discord.js';
import nock from 'nock';
import { discordConfigSchema } from '../src/adapters/discord/discord-config.ts';
import type { InteractionAwareREST } from '../src/adapters/discord/interaction-rest.ts';
import type { Vote } from '../src/story/types.ts';
import { tally } from '../src/story/votes.ts';
import { startHarness } from '../test/helpers/discord-harness.ts';
import {
  APP_ID,
  buttonClick,
  deliver,
  member,
  moderator,
  type Person,
  slashCommand,
} from '../test/helpers/discord-payloads.ts';
import {
  discordLimits,
  isInteractionEndpoint,
  type RecordedCall,
  serveFakeDiscordRest,
} from '../test/helpers/discord-rest.ts';
import { maxInWindow, percentile, round } from './stats.ts';

const PEOPLE = 400;
const ROOMS = 50;
const CONTINUING_ROOMS = 10;
/** Of the continuing rooms, the first ones have character voices on. */
const VOICED_ROOMS = 5;
const BURST_MS = 4000;
const PER_SECOND = 200;
/** Of the burst: first ballots (one per person), changed minds, /vote status, /scene continue. */
const CHANGES = 250;
const CONTINUES = 80;
const SAYS = 40;

interface Room {
  guildId: string;
  channelId: string;
  messageId: string;
  buttons: string[];
}

type Payload = Record<string, unknown> & { token: string };

/** The same interaction in another server and channel. */
function inRoom<T extends object>(payload: T, room: Pick<Room, 'guildId' | 'channelId'>): T & Payload {
  const p = payload as T & Payload;
  const channel = p.channel as object;
  const message = p.message as object | undefined;
  return Object.assign(p, {
    guild_id: room.guildId,
    guild: { ...(p.guild as object), id: room.guildId },
    channel: { ...channel, id: room.channelId, guild_id: room.guildId },
    channel_id: room.channelId,
    authorizing_integration_owners: { '0': room.guildId },
    ...(message ? { message: { ...message, channel_id: room.channelId } } : {}),
  });
}

/** The same interaction where storyroom may manage webhooks (character voices need it). */
function withWebhooks<T extends { app_permissions: string }>(payload: T): T {
  const permissions = BigInt(payload.app_permissions) | PermissionFlagsBits.ManageWebhooks;
  return { ...payload, app_permissions: String(permissions) };
}

/** The busiest room gets 120 voters, the rest share the others. */
const roomOfPerson = (n: number) => (n < 120 ? 0 : 1 + ((n - 120) % (ROOMS - 1)));

export async function benchDiscordNight() {
  // The helpers import nock, which intercepts every request of this process once loaded: off while this runs.
  nock.restore();
  const rest = await serveFakeDiscordRest({ channelId: '1', applicationId: APP_ID, limits: discordLimits() });
  const h = await startHarness({
    rest,
    limits: discordLimits(),
    restOptions: { api: rest.api },
    config: { ...discordConfigSchema.parse({}) },
  });
  const voteEditMs = discordConfigSchema.parse({}).voteEditMs;
  try {
    const guilds = ['1310000000000000001', '1310000000000000002'];
    const mods = guilds.map((_, g) => moderator(`142000000000000000${g}`, `mod${g}`));
    const people: Person[] = Array.from({ length: PEOPLE }, (_, n) =>
      member(`1430000000000${String(n).padStart(6, '0')}`, `p${n}`),
    );

    // Before the night: each room has a story and an open vote (its reply is the vote message).
    const rooms: Room[] = [];
    for (let r = 0; r < ROOMS; r++) {
      const where = { guildId: guilds[r % 2] ?? '', channelId: `1320000000000${String(r).padStart(6, '0')}` };
      const mod = mods[r % 2] as Person;
      await h.send(inRoom(slashCommand('scene start', { title: `Night ${r}` }, mod), where));
      const open = inRoom(
        slashCommand(
          'vote open',
          { option1: 'Left', option2: 'Right', option3: 'Wait', duration: '10m' },
          mod,
        ),
        where,
      );
      await h.send(open);
      const reply = h.rest.find('PATCH', new RegExp(`${open.token}/messages/@original$`)).at(-1);
      const buttons = (reply?.body.components[0].components ?? []).map(
        (b: { custom_id: string }) => b.custom_id,
      );
      rooms.push({ ...where, messageId: h.rest.originalId(open.token) ?? '', buttons });
      if (r < VOICED_ROOMS) {
        rest.addChannel(where.channelId);
        const add = slashCommand('character add', { name: 'Nora', description: 'A night-shift cook' }, mod);
        await h.send(inRoom(withWebhooks(add), where));
        const voices = slashCommand('room settings', { character_voices: true }, mod);
        await h.send(inRoom(withWebhooks(voices), where));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // The burst, in a shuffled but fixed order: every first ballot, changed minds, status checks, continues.
    type Planned = {
      kind: 'click' | 'status' | 'continue' | 'say';
      room: number;
      person: number;
      option?: number;
    };
    const plan: Planned[] = [];
    for (let n = 0; n < PEOPLE; n++)
      plan.push({ kind: 'click', room: roomOfPerson(n), person: n, option: n % 3 });
    for (let n = 0; n < CHANGES; n++) {
      const person = (n * 7) % PEOPLE;
      plan.push({ kind: 'click', room: roomOfPerson(person), person, option: (person + 1) % 3 });
    }
    const total = Math.round((PER_SECOND * BURST_MS) / 1000);
    for (let n = 0; plan.length < total - CONTINUES - SAYS; n++) {
      plan.push({ kind: 'status', room: n % ROOMS, person: (n * 13) % PEOPLE });
    }
    for (let n = 0; n < CONTINUES; n++)
      plan.push({ kind: 'continue', room: n % CONTINUING_ROOMS, person: n });
    for (let n = 0; n < SAYS; n++) plan.push({ kind: 'say', room: n % VOICED_ROOMS, person: 200 + n });
    // Mostly first ballots early and changes of mind later: shuffled within each part.
    const shuffled = [...shuffle(plan.slice(0, PEOPLE + 100)), ...shuffle(plan.slice(PEOPLE + 100))];

    // What used to be one warning each: the client holding a request back (its own pacing, not a 429).
    // The interaction-token queue re-emits its events on the client's REST, so the bot queue's are the rest.
    const pacing = { all: 0, interaction: 0, botGlobal: 0 };
    h.client.rest.on('rateLimited', (info) => {
      pacing.all++;
      if (info.global) pacing.botGlobal++;
    });
    (h.client.rest as InteractionAwareREST).interactions.on('rateLimited', (info) => {
      pacing.interaction++;
      if (info.global) pacing.botGlobal--;
    });
    const deliveredAt = new Map<string, number>();
    const kindOf = new Map<string, Planned>();
    const lastClickAt = new Map<number, number>();
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 50);
    const loadAverage = os.loadavg()[0] ?? 0;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const started = Date.now();
    const gap = BURST_MS / shuffled.length;
    for (const [index, item] of shuffled.entries()) {
      const due = started + index * gap;
      const wait = due - Date.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const room = rooms[item.room] as Room;
      const person = people[item.person] as Person;
      const voiced = (command: ReturnType<typeof slashCommand>) =>
        item.room < VOICED_ROOMS ? withWebhooks(command) : command;
      const payload =
        item.kind === 'click'
          ? inRoom(buttonClick(room.buttons[item.option ?? 0] ?? '', room.messageId, person), room)
          : item.kind === 'status'
            ? inRoom(slashCommand('vote status', {}, person), room)
            : item.kind === 'say'
              ? inRoom(
                  voiced(slashCommand('say', { character: 'Nora', text: `Table ${index}.` }, person)),
                  room,
                )
              : inRoom(voiced(slashCommand('scene continue', {}, mods[item.room % 2] as Person)), room);
      const at = Date.now();
      deliveredAt.set(payload.token, at);
      kindOf.set(payload.token, item);
      if (item.kind === 'click') lastClickAt.set(item.room, at);
      deliver(h.client, payload);
    }
    const burstMs = Date.now() - started;
    await h.adapter.idle();

    // Settle: every vote message shows its final tally (or give up after 10 s).
    const finalText = async (room: Room) => {
      const state = await h.engine.room({
        platform: 'discord',
        workspaceId: room.guildId,
        channelId: room.channelId,
      });
      const vote = state.openVoteId ? state.votes[state.openVoteId] : undefined;
      return vote;
    };
    const allEdits = () => voteEditsByRoom(h.rest.calls, tokenRoom(kindOf));
    const settleBy = Date.now() + 10_000;
    const tallies = await Promise.all(rooms.map(finalText));
    const expected = tallies.map(countsLine);
    const settled = () => {
      const edits = allEdits();
      return rooms.every((_, r) => countsOf(edits.get(r)?.at(-1)) === expected[r]);
    };
    while (Date.now() < settleBy && !settled()) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, voteEditMs + 200));
    const wallMs = performance.now() - wallStart;
    const cpu = process.cpuUsage(cpuStart);
    clearInterval(sampler);
    loopDelay.disable();
    const byRoom = allEdits();
    const editsOf = (r: number) => byRoom.get(r) ?? [];

    // Figures.
    const calls = h.rest.calls;
    const receivedFor = (token: string, match: (call: RecordedCall) => boolean) =>
      calls.find((call) => call.path.includes(`/${token}`) && match(call))?.receivedAt;
    const acks: number[] = [];
    const confirmations: number[] = [];
    const answers: number[] = [];
    for (const [token, at] of deliveredAt) {
      const ack = receivedFor(token, (c) => c.path.endsWith('/callback'));
      if (ack !== undefined) acks.push(ack - at);
      const item = kindOf.get(token);
      if (item?.kind === 'click') {
        const confirmed = receivedFor(
          token,
          (c) => c.method === 'POST' && c.path === `/webhooks/${APP_ID}/${token}`,
        );
        if (confirmed !== undefined) confirmations.push(confirmed - at);
      } else {
        const last = calls
          .filter((c) => c.path.includes(`/${token}`) && !c.path.endsWith('/callback'))
          .at(-1);
        if (last?.receivedAt !== undefined) answers.push(last.receivedAt - at);
      }
    }
    const staleness: number[] = [];
    let countedRight = 0;
    let shownRight = 0;
    let maxEditsPer5s = 0;
    for (const [r, room] of rooms.entries()) {
      const vote = tallies[r];
      const voters = new Set(plan.filter((p) => p.kind === 'click' && p.room === r).map((p) => p.person));
      if (vote && Object.keys(vote.ballots).length === voters.size) countedRight++;
      const edits = editsOf(r);
      const final = edits.find(
        (edit) => countsOf(edit) === expected[r] && edit.at >= (lastClickAt.get(r) ?? 0),
      );
      if (countsOf(edits.at(-1)) === expected[r]) shownRight++;
      const last = lastClickAt.get(r);
      if (last !== undefined) staleness.push((final?.receivedAt ?? Date.now()) - last);
      maxEditsPer5s = Math.max(
        maxEditsPer5s,
        maxInWindow(
          edits.map((e) => e.at),
          5000,
        ),
      );
      void room;
    }
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const [ack, conf, ans, stale] = [acks, confirmations, answers, staleness].map(sorted) as number[][];
    const tooMany = calls.filter((call) => call.status === 429);
    const ownPacing429 = tooMany.filter((call) => call.limitedBy !== undefined).length;
    // The bot's paced queue: bot-token requests and channel webhook posts (everything but interaction endpoints).
    const botQueue = calls.filter((call) => !isInteractionEndpoint(call.path, APP_ID));
    const webhookPosts = botQueue.filter((call) => call.method === 'POST' && /^\/webhooks\//.test(call.path));
    const rateLimitWarnings = h.logs.filter(
      (e) => e.level === 'warn' && /rate limit/i.test(e.msg ?? ''),
    ).length;
    const confirmationP99 = percentile(conf ?? [], 99);
    const stalenessMax = Math.max(...(stale ?? []));
    return {
      people: PEOPLE,
      rooms: ROOMS,
      servers: guilds.length,
      continuing_rooms: CONTINUING_ROOMS,
      interactions: shuffled.length,
      burst_ms: burstMs,
      interactions_per_second: round((shuffled.length * 1000) / burstMs, 1),
      vote_edit_ms: voteEditMs,
      ack_ms: { p50: round(percentile(ack ?? [], 50), 1), p99: round(percentile(ack ?? [], 99), 1) },
      click_to_confirmation_ms: { p50: round(percentile(conf ?? [], 50), 1), p99: round(confirmationP99, 1) },
      command_answer_ms: {
        p50: round(percentile(ans ?? [], 50), 1),
        p99: round(percentile(ans ?? [], 99), 1),
      },
      live_count_staleness_after_last_click_ms: {
        p50: round(percentile(stale ?? [], 50), 1),
        max: round(stalenessMax, 1),
      },
      vote_message_edits_max_per_5s: maxEditsPer5s,
      votes_counted_exactly: `${countedRight} of ${ROOMS}`,
      votes_showing_final_tally: `${shownRight} of ${ROOMS}`,
      responses_429: {
        total: tooMany.length,
        from_fake_limits: ownPacing429,
        bot_queue: botQueue.filter((call) => call.status === 429).length,
      },
      rate_limit_warnings: rateLimitWarnings,
      client_pacing_waits: {
        total: pacing.all,
        bot_queue: pacing.all - pacing.interaction,
        bot_queue_global: pacing.botGlobal,
        interaction_queue: pacing.interaction,
      },
      warnings_total: h.logs.filter((e) => e.level === 'warn').length,
      requests: {
        total: calls.length,
        bot_queue: botQueue.length,
        bot_token: calls.filter((c) => c.bot).length,
        channel_webhook_posts: webhookPosts.length,
        bot_queue_max_per_second: maxInWindow(sorted(botQueue.map((c) => c.at)), 1000),
      },
      peak_rss_mb: round(Math.max(...rss, process.memoryUsage().rss) / 2 ** 20, 1),
      event_loop_delay_ms: {
        p99: round(loopDelay.percentile(99) / 1e6, 1),
        max: round(loopDelay.max / 1e6, 1),
      },
      machine_load_average_at_start: round(loadAverage, 2),
      cpu_percent_of_one_core: round((100 * (cpu.user + cpu.system)) / 1000 / wallMs, 1),
      target:
        'confirmation p99 < 1 s, staleness max < 3 s, 0 429s from the bot’s own pacing, 0 rate-limit warnings without a 429, every ballot counted',
      meets_target:
        confirmationP99 < 1000 &&
        stalenessMax < 3000 &&
        ownPacing429 === 0 &&
        rateLimitWarnings <= tooMany.length &&
        countedRight === ROOMS &&
        shownRight === ROOMS,
    };
  } finally {
    await h.close();
    rest.stop();
    nock.activate();
  }
}

/** The room of a click's token (clicks are on the room's vote message). */
const tokenRoom = (kindOf: Map<string, { kind: string; room: number }>) => (token: string) => {
  const item = kindOf.get(token);
  return item?.kind === 'click' ? item.room : undefined;
};

/** Edits of each room's vote message (an embed and no text) through a click's token. */
function voteEditsByRoom(calls: RecordedCall[], roomOf: (token: string) => number | undefined) {
  const byRoom = new Map<number, RecordedCall[]>();
  for (const call of calls) {
    if (
      call.method !== 'PATCH' ||
      call.status !== 200 ||
      call.body?.content ||
      !call.body?.embeds?.[0]?.title
    )
      continue;
    const token = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/.exec(call.path)?.[1];
    const room = token === undefined ? undefined : roomOf(token);
    if (room === undefined) continue;
    const list = byRoom.get(room) ?? [];
    list.push(call);
    byRoom.set(room, list);
  }
  return byRoom;
}

const countsOf = (edit: RecordedCall | undefined): string =>
  (edit?.body?.embeds?.[0]?.description ?? '')
    .split('\n')
    .filter((line: string) => line.startsWith('**'))
    .join('\n');

/** The count lines a vote message shows for the vote's tally (three options). */
function countsLine(vote: Vote | undefined): string {
  const counts = vote ? tally(vote) : [0, 0, 0];
  return ['Left', 'Right', 'Wait']
    .map((label, i) => `**${'ABC'[i]}.** ${label} · ${counts[i]} ${counts[i] === 1 ? 'vote' : 'votes'}`)
    .join('\n');
}

/** A fixed shuffle (the same order every run). */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
