// The edit budget against a model: any schedule of edits to any messages of two teams, with random send
// times and 429s, keeps every 60-second window within the limit, shows each message's last state, never
// loses a final edit, and one team's traffic never changes when the other team's edits go out.
import { ErrorCode } from '@slack/web-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEditBudget } from '../../../src/adapters/slack/edit-budget.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';

interface Step {
  /** Milliseconds after the previous step. */
  after: number;
  team: 'T1' | 'T2';
  message: number;
  final: boolean;
  latencyMs: number;
  /** Seconds of Retry-After when this edit's first send is answered 429. */
  rateLimitedFor: number | null;
}

interface Attempt {
  team: string;
  message: string;
  version: number;
  at: number;
  ok: boolean;
}

const step: fc.Arbitrary<Step> = fc.record({
  after: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
  team: fc.constantFrom('T1' as const, 'T2' as const),
  message: fc.integer({ min: 0, max: 5 }),
  final: fc.boolean(),
  latencyMs: fc.integer({ min: 0, max: 2500 }),
  rateLimitedFor: fc.option(fc.integer({ min: 0, max: 30 }), { freq: 8 }),
});

async function simulate(steps: Step[], editsPerMinute: number, messageIntervalMs: number) {
  const clock = createFakeClock();
  const start = clock.now();
  const budget = createEditBudget({ editsPerMinute, messageIntervalMs, clock });
  const attempts: Attempt[] = [];
  const versions = new Map<string, number>();
  const finals: { key: string; version: number }[] = [];
  const promises: Promise<void>[] = [];
  let settled = 0;
  for (const s of steps) {
    await clock.advance(s.after);
    const key = `${s.team}/${s.message}`;
    const version = (versions.get(key) ?? 0) + 1;
    versions.set(key, version);
    if (s.final) finals.push({ key, version });
    let limited = s.rateLimitedFor;
    const send = async () => {
      attempts.push({ team: s.team, message: key, version, at: clock.now() - start, ok: false });
      const attempt = attempts.at(-1);
      await new Promise<void>((resolve) => clock.setTimeout(resolve, s.latencyMs));
      if (limited !== null) {
        const retryAfter = limited;
        limited = null;
        throw Object.assign(new Error('ratelimited'), { code: ErrorCode.RateLimitedError, retryAfter });
      }
      if (attempt) attempt.ok = true;
    };
    const promise = budget.edit(s.team, key, send, { final: s.final });
    promises.push(promise.finally(() => settled++));
  }
  // Long enough for any backlog: each message waits at most its place in the queue times a window.
  for (let round = 0; round < 200 && settled < promises.length; round++) await clock.advance(60_000);
  await budget.stop();
  expect(settled).toBe(promises.length);
  return { attempts, versions, finals };
}

const options = fc.record({
  editsPerMinute: fc.integer({ min: 1, max: 12 }),
  messageIntervalMs: fc.integer({ min: 1000, max: 5000 }),
});

describe('edit budget, over any schedule', () => {
  it('keeps each team within editsPerMinute in every 60 s, one edit per message per interval, and shows every message’s last state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 60 }),
        options,
        async (steps, { editsPerMinute, messageIntervalMs }) => {
          const { attempts, versions, finals } = await simulate(steps, editsPerMinute, messageIntervalMs);
          for (const team of ['T1', 'T2']) {
            const times = attempts.filter((a) => a.team === team).map((a) => a.at);
            for (let i = 0; i + editsPerMinute < times.length; i++) {
              expect((times[i + editsPerMinute] ?? 0) - (times[i] ?? 0)).toBeGreaterThanOrEqual(60_000);
            }
          }
          for (const [key, last] of versions) {
            const mine = attempts.filter((a) => a.message === key);
            for (let i = 1; i < mine.length; i++) {
              expect((mine[i]?.at ?? 0) - (mine[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(messageIntervalMs);
              // Never an older state after a newer one.
              expect(mine[i]?.version ?? 0).toBeGreaterThanOrEqual(mine[i - 1]?.version ?? 0);
            }
            expect(mine.at(-1)).toMatchObject({ version: last, ok: true });
          }
          // A final edit is sent, unless a newer state of its message replaced it and was sent instead.
          for (const { key, version } of finals) {
            const shown = attempts.some((a) => a.message === key && a.version >= version && a.ok);
            expect(shown).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sends a team’s edits at the same times whatever the other team does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { maxLength: 50 }),
        options,
        async (steps, { editsPerMinute, messageIntervalMs }) => {
          // Give T2's steps' waits to the next step, so T1's steps happen at the same times in both runs.
          const alone: Step[] = [];
          let carried = 0;
          for (const s of steps) {
            if (s.team === 'T1') {
              alone.push({ ...s, after: s.after + carried });
              carried = 0;
            } else carried += s.after;
          }
          const both = await simulate(steps, editsPerMinute, messageIntervalMs);
          const single = await simulate(alone, editsPerMinute, messageIntervalMs);
          const t1 = (attempts: Attempt[]) =>
            attempts.filter((a) => a.team === 'T1').map((a) => [a.message, a.version, a.at, a.ok]);
          expect(t1(both.attempts)).toEqual(t1(single.attempts));
        },
      ),
      { numRuns: 100 },
    );
  });
});
