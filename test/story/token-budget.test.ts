import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { localizeReply } from '../../src/adapters/shared/localize-reply.ts';
import { sharedTranslator } from '../../src/i18n/catalog.ts';
import { silentLogger } from '../../src/logger.ts';
import { createKeyvEventStore } from '../../src/store/keyv-event-store.ts';
import { createStoryEngine } from '../../src/story/engine.ts';
import { isUserError, type UserError } from '../../src/story/errors.ts';
import type { EventStore } from '../../src/story/event-store.ts';
import type { TokenBudgetLimits } from '../../src/story/token-budget.ts';
import type { RoomRef } from '../../src/story/types.ts';
import { runAs } from '../commands/run-as.ts';
import { createFakeClock, type FakeClock } from '../helpers/fake-clock.ts';
import { createRecordingNarrator } from '../helpers/recording-narrator.ts';
import { alice, mod, room } from '../helpers/story-fixture.ts';

// The recording narrator reports 100 prompt + 20 completion tokens for every call; the fake clock starts at
// 2026-01-01 20:00 UTC, four hours before the budgets start again.

function engineOn(store: EventStore, clock: FakeClock, limits: TokenBudgetLimits) {
  const narrator = createRecordingNarrator();
  const engine = createStoryEngine({ store, narrator, clock, logger: silentLogger, tokenBudget: limits });
  return { engine, narrator };
}

async function started(engine: ReturnType<typeof engineOn>['engine'], ref: RoomRef = room) {
  await engine.startStory(ref, mod, { title: 'The Heist', heading: 'INT. DINER - NIGHT' });
  await engine.updateSettings(ref, mod, { autoVote: false });
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isUserError(error)) throw new Error(`expected a UserError, got ${String(error)}`);
  return error;
}

const shown = (error: UserError, locale: string) =>
  typeof error.text === 'string' ? error.text : sharedTranslator().translate(locale, error.text);

describe('daily token budgets', () => {
  it("refuses a beat before asking the model once the room has spent today's budget, saying when it resets", async () => {
    const clock = createFakeClock();
    const { engine, narrator } = engineOn(createKeyvEventStore(new Keyv()), clock, { perRoom: 250 });
    await started(engine);
    await engine.continueStory(room, alice, {});
    await engine.continueStory(room, alice, {});
    await engine.continueStory(room, alice, {}); // 240 used: 10 left, so this one still runs
    const calls = narrator.calls.length;

    const error = await refusal(engine.continueStory(room, alice, {}));

    expect(error.code).toBe('budget.spent');
    expect(narrator.calls).toHaveLength(calls);
    expect(shown(error, 'en')).toBe(
      'This room has used its 250 narrator tokens for today. The budget starts again at midnight UTC, in 4 hours.',
    );
    expect(shown(error, 'zh-CN')).toBe(
      '本房间今天的 250 个叙述 token 额度已经用完，将在 UTC 零点（4 小时后）恢复。',
    );
    expect((await engine.room(room)).beats).toSatisfy((beats) => Object.keys(beats).length === 4);
  });

  it('starts again at midnight UTC', async () => {
    const clock = createFakeClock();
    const { engine } = engineOn(createKeyvEventStore(new Keyv()), clock, { perRoom: 100 });
    await started(engine);
    await engine.continueStory(room, alice, {});
    await clock.advance(4 * 3_600_000 - 90_000);
    const error = await refusal(engine.continueStory(room, alice, {}));
    expect(shown(error, 'en')).toMatch(/in 2 minutes\.$/);

    await clock.advance(90_000);
    await expect(engine.continueStory(room, alice, {})).resolves.toBeDefined();
  });

  it("shares a server's budget between its rooms and between processes on one store", async () => {
    const clock = createFakeClock();
    const store = createKeyvEventStore(new Keyv());
    const first = engineOn(store, clock, { perWorkspace: 200 });
    const second = engineOn(store, clock, { perWorkspace: 200 });
    const otherRoom: RoomRef = { ...room, channelId: 'other' };
    const otherServer: RoomRef = { platform: 'discord', workspaceId: 'g-2', channelId: 'c-1' };
    await started(first.engine);
    await started(second.engine, otherRoom);
    await started(second.engine, otherServer);
    await first.engine.continueStory(room, alice, {});
    await second.engine.continueStory(otherRoom, alice, {}); // 240 of 200: spent

    const error = await refusal(second.engine.continueStory(otherRoom, alice, {}));
    expect(shown(error, 'en')).toMatch(/^This server has used its 200 narrator tokens for today\./);
    await expect(first.engine.continueStory(room, alice, {})).rejects.toThrow();
    // Another server's rooms spend from their own budget.
    await expect(second.engine.continueStory(otherServer, alice, {})).resolves.toBeDefined();
  });

  it('counts what every narrator task reports, not only beats', async () => {
    const clock = createFakeClock();
    const { engine } = engineOn(createKeyvEventStore(new Keyv()), clock, { perRoom: 1_000 });
    await started(engine);
    await engine.openVote(room, mod, {}); // the narrator proposes the options
    await engine.newScene(room, mod, {}); // the narrator proposes the heading
    const usage = await engine.usage(room, mod);
    expect(usage.budget?.room).toMatchObject({ limit: 1_000, used: 240, left: 760 });
    expect(usage.budget?.workspace).toBeUndefined();
  });

  it('counts /recap and /review against the budget, and refuses them once it is spent', async () => {
    const clock = createFakeClock();
    const { engine, narrator } = engineOn(createKeyvEventStore(new Keyv()), clock, { perRoom: 300 });
    await started(engine);
    await engine.action(room, alice, { text: 'The safe opens.' });
    await engine.recap(room, mod);
    await engine.review(room, alice, {});
    expect((await engine.usage(room, mod)).budget?.room).toMatchObject({ used: 240 });
    await engine.action(room, alice, { text: 'Sirens.' });
    await engine.review(room, alice, { personal: true });
    const calls = narrator.calls.length;
    expect(shown(await refusal(engine.recap(room, mod)), 'en')).toContain('budget');
    expect(narrator.calls.length).toBe(calls);
  });

  it("shows what is left of each budget in /room usage, in the reader's language", async () => {
    const clock = createFakeClock();
    const { engine } = engineOn(createKeyvEventStore(new Keyv()), clock, {
      perRoom: 10_000,
      perWorkspace: 50_000,
    });
    await started(engine);
    await engine.continueStory(room, alice, {});
    await clock.advance(30 * 60_000);

    const reply = await runAs(engine, mod, 'room usage');

    const fields = (locale: string) => {
      const block = localizeReply(reply, locale).blocks.find((b) => b.type === 'fields');
      return block?.type === 'fields' ? block.fields.slice(-2) : [];
    };
    expect(fields('en')).toEqual([
      {
        name: 'Left today in this room',
        value: '9,880 of 10,000 tokens (resets at midnight UTC, in 3 hours and 30 minutes)',
      },
      {
        name: 'Left today on this server',
        value: '49,880 of 50,000 tokens (resets at midnight UTC, in 3 hours and 30 minutes)',
      },
    ]);
    expect(fields('zh-CN')[0]).toEqual({
      name: '本房间今日剩余',
      value: '10,000 个 token 中还剩 9,880 个（UTC 零点恢复，还有 3 小时 30 分钟）',
    });
  });

  it('adds no budget lines when no budget is set', async () => {
    const clock = createFakeClock();
    const store = createKeyvEventStore(new Keyv());
    const engine = createStoryEngine({
      store,
      narrator: createRecordingNarrator(),
      clock,
      logger: silentLogger,
    });
    await started(engine);
    await engine.continueStory(room, alice, {});
    expect((await engine.usage(room, mod)).budget).toBeUndefined();
  });
});
