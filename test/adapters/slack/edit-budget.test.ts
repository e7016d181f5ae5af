import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStreamPreview } from '../../../src/adapters/shared/stream-preview.ts';
import { createVoteMessageTracker, type VoteMessage } from '../../../src/adapters/shared/vote-messages.ts';
import { createEditBudget } from '../../../src/adapters/slack/edit-budget.ts';
import { silentLogger } from '../../../src/logger.ts';
import type { ChangeListener, RoomChange } from '../../../src/story/engine.ts';
import type { RoomRef, Vote } from '../../../src/story/types.ts';
import { createFakeClock } from '../../helpers/fake-clock.ts';

const rateLimited = (retryAfterSeconds: number) =>
  Object.assign(new Error('rate limited'), {
    code: ErrorCode.RateLimitedError,
    retryAfter: retryAfterSeconds,
  });

interface Sent {
  team: string;
  message: string;
  state: string;
  at: number;
}

function setup(options: { editsPerMinute: number; messageIntervalMs?: number; latencyMs?: number }) {
  const clock = createFakeClock();
  const start = clock.now();
  const sent: Sent[] = [];
  const budget = createEditBudget({
    editsPerMinute: options.editsPerMinute,
    messageIntervalMs: options.messageIntervalMs ?? 1000,
    clock,
  });
  const latency = options.latencyMs ?? 100;
  const send =
    (team: string, message: string, state: string, fail?: () => unknown) => async (): Promise<void> => {
      sent.push({ team, message, state, at: clock.now() - start });
      await new Promise<void>((resolve) => clock.setTimeout(resolve, latency));
      const error = fail?.();
      if (error) throw error;
    };
  const edit = (team: string, message: string, state: string, final = false) =>
    budget.edit(team, message, send(team, message, state), { final });
  return { clock, sent, budget, send, edit, elapsed: () => clock.now() - start };
}

describe('edit budget', () => {
  it('grants a busy team’s messages in turn, never more than editsPerMinute in a minute', async () => {
    const { clock, sent, edit } = setup({ editsPerMinute: 6 });
    // Three streams keep asking for an edit every second for two minutes.
    for (let second = 0; second < 120; second++) {
      for (const message of ['A', 'B', 'C']) void edit('T1', message, `${message}${second}`);
      await clock.advance(1000);
    }
    await clock.advance(120_000);
    const order = sent.map((edit) => edit.message).join('');
    expect(order.slice(0, 12)).toBe('ABCABCABCABC');
    for (let i = 0; i + 6 < sent.length; i++) {
      expect((sent[i + 6]?.at ?? 0) - (sent[i]?.at ?? 0)).toBeGreaterThanOrEqual(60_000);
    }
    // The last state of each stream is what its message shows.
    for (const message of ['A', 'B', 'C']) {
      expect(sent.filter((edit) => edit.message === message).at(-1)?.state).toBe(`${message}119`);
    }
  });

  it('sends only the latest state of a message that changed while it waited', async () => {
    const { clock, sent, edit } = setup({ editsPerMinute: 100, messageIntervalMs: 1000, latencyMs: 500 });
    const first = edit('T1', 'A', 'v1');
    const second = edit('T1', 'A', 'v2');
    const third = edit('T1', 'A', 'v3');
    await clock.advance(5000);
    await Promise.all([first, second, third]);
    expect(sent.map((edit) => [edit.state, edit.at])).toEqual([
      ['v1', 0],
      ['v3', 1000],
    ]);
  });

  it('sends a final edit before previews that waited longer, without waiting for the previews’ spacing', async () => {
    const { clock, sent, edit, elapsed } = setup({ editsPerMinute: 2 });
    void edit('T1', 'A', 'a1');
    void edit('T1', 'B', 'b1');
    await clock.advance(1000);
    void edit('T1', 'C', 'c-final', true);
    await clock.advance(60_000);
    expect(elapsed()).toBe(61_000);
    expect(sent.map((edit) => [edit.state, edit.at])).toEqual([
      ['a1', 0],
      ['c-final', 1000],
      ['b1', 60_000],
    ]);
  });

  it('spaces previews evenly over the minute instead of spending it in a burst', async () => {
    const { clock, sent, edit } = setup({ editsPerMinute: 45 });
    // Five streams, each with a new token every 100 ms, for three minutes.
    for (let ms = 0; ms < 180_000; ms += 100) {
      for (const message of ['A', 'B', 'C', 'D', 'E']) void edit('T1', message, `${message}${ms}`);
      await clock.advance(100);
    }
    // 40 of the 45 a minute: the other 5 are kept for final edits.
    const previews = sent.filter((edit) => edit.at < 180_000);
    const gaps = previews.slice(1).map((edit, i) => edit.at - (previews[i]?.at ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60_000 / 40);
    expect(Math.max(...gaps)).toBeLessThan(60_000 / 40 + 100);
    expect(previews).toHaveLength(120);
    for (const message of ['A', 'B', 'C', 'D', 'E']) {
      expect(previews.filter((edit) => edit.message === message)).toHaveLength(24);
    }
    // When the five streams end, their final edits go out at once (within a message's one edit a second).
    const asked = 180_000;
    for (const message of ['A', 'B', 'C', 'D', 'E']) void edit('T1', message, `${message}-final`, true);
    await clock.advance(1000);
    const finals = sent.filter((edit) => edit.state.endsWith('-final'));
    expect(finals).toHaveLength(5);
    for (const final of finals) expect(final.at - asked).toBeLessThanOrEqual(1000);
  });

  it('moves a vote count that closed while waiting ahead, as a final edit', async () => {
    const { clock, sent, budget, edit } = setup({ editsPerMinute: 1 });
    void edit('T1', 'stream', 's1');
    let closed = false;
    void edit('T1', 'stream', 's2');
    const vote = async () => {
      sent.push({ team: 'T1', message: 'vote', state: closed ? 'closed' : 'open', at: 0 });
    };
    void budget.edit('T1', 'vote', vote, { final: () => closed });
    await clock.advance(1000);
    closed = true;
    await clock.advance(60_000);
    expect(sent.map((edit) => edit.state)).toEqual(['s1', 'closed']);
  });

  it('on a 429 holds the team’s edits for Retry-After, then sends the latest state; other teams go on', async () => {
    const { clock, sent, budget, send, elapsed } = setup({ editsPerMinute: 100, latencyMs: 100 });
    let failures = 1;
    const fail = () => (failures-- > 0 ? rateLimited(5) : undefined);
    const limited = budget.edit('T1', 'A', send('T1', 'A', 'a1', fail));
    await clock.advance(200);
    void budget.edit('T1', 'B', send('T1', 'B', 'b1'));
    void budget.edit('T2', 'X', send('T2', 'X', 'x1'));
    await clock.advance(1000);
    expect(sent.map((edit) => edit.state)).toEqual(['a1', 'x1']);
    void budget.edit('T1', 'A', send('T1', 'A', 'a2'));
    await clock.advance(4000);
    expect(elapsed()).toBe(5200);
    await limited;
    await clock.advance(1000);
    const t1 = sent.filter((edit) => edit.team === 'T1');
    expect(t1.map((edit) => [edit.state, edit.at])).toEqual([
      ['a1', 0],
      ['b1', 5100],
      // Previews at 100 a minute leave 11 to final edits and are 60 s / 89 (675 ms) apart.
      ['a2', 5775],
    ]);
  });

  it('sends a rate-limited edit again when nothing newer came', async () => {
    const { clock, sent, budget, send } = setup({ editsPerMinute: 45 });
    let failures = 1;
    const done = budget.edit(
      'T1',
      'A',
      send('T1', 'A', 'only', () => (failures-- > 0 ? rateLimited(2) : undefined)),
    );
    await clock.advance(3000);
    await done;
    expect(sent.map((edit) => [edit.state, edit.at])).toEqual([
      ['only', 0],
      ['only', 2100],
    ]);
  });

  it('holds a team when told of a 429 from elsewhere (the WebClient’s rate_limited event)', async () => {
    const { clock, sent, budget, edit } = setup({ editsPerMinute: 45 });
    budget.pause('T1', 3000);
    void edit('T1', 'A', 'a1');
    void edit('T2', 'B', 'b1');
    await clock.advance(2999);
    expect(sent.map((edit) => edit.state)).toEqual(['b1']);
    await clock.advance(1);
    expect(sent.map((edit) => edit.state)).toEqual(['b1', 'a1']);
  });

  it('drops a preview whose signal is aborted before its turn, and resolves it', async () => {
    const { clock, sent, budget, send } = setup({ editsPerMinute: 1 });
    void budget.edit('T1', 'A', send('T1', 'A', 'a1'));
    const abort = new AbortController();
    const preview = budget.edit('T1', 'B', send('T1', 'B', 'b-preview'), { signal: abort.signal });
    abort.abort();
    await preview;
    void budget.edit('T1', 'B', send('T1', 'B', 'b-final'), { final: true });
    await clock.advance(61_000);
    expect(sent.map((edit) => edit.state)).toEqual(['a1', 'b-final']);
  });

  it('rejects with what the send threw when it was not a rate limit, and goes on with the others', async () => {
    const { clock, sent, budget, send, edit } = setup({ editsPerMinute: 45 });
    const failed = budget.edit(
      'T1',
      'A',
      send('T1', 'A', 'a1', () => new Error('message_not_found')),
    );
    const rejected = expect(failed).rejects.toThrow('message_not_found');
    void edit('T1', 'B', 'b1');
    await clock.advance(2000);
    await rejected;
    expect(sent.map((edit) => edit.state)).toEqual(['a1', 'b1']);
  });

  it('stop() sends nothing more and resolves edits still waiting', async () => {
    const { clock, sent, budget, edit } = setup({ editsPerMinute: 1 });
    void edit('T1', 'A', 'a1');
    const waiting = edit('T1', 'B', 'b1');
    const stopped = budget.stop();
    await clock.advance(200);
    await stopped;
    await waiting;
    await clock.advance(120_000);
    expect(sent.map((edit) => edit.state)).toEqual(['a1']);
    await expect(edit('T1', 'C', 'c1')).resolves.toBeUndefined();
  });

  it('lets a stream preview’s settle() drop its waiting edit, so the final edit is the next one sent', async () => {
    const { clock, sent, budget, send, edit } = setup({ editsPerMinute: 1 });
    void edit('T1', 'other', 'other message');
    const preview = createStreamPreview({
      intervalMs: 1,
      logger: silentLogger,
      show: (text, signal) => budget.edit('T1', 'beat', send('T1', 'beat', text), { signal }),
    });
    preview.push('The detective ');
    // The preview's edit now waits for the team's minute; settle() does not wait for it.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await preview.settle();
    const final = budget.edit('T1', 'beat', send('T1', 'beat', 'The detective lies.'), { final: true });
    await clock.advance(60_200);
    await final;
    expect(sent.map((edit) => [edit.state, edit.at])).toEqual([
      ['other message', 0],
      ['The detective lies.', 60_000],
    ]);
  });

  it('sends a vote count that closed while it waited as a final edit, before a stream’s preview, drawn closed', async () => {
    const { clock, sent, budget, edit } = setup({ editsPerMinute: 1 });
    void edit('T1', 'other', 'other message');
    void edit('T1', 'stream', 'a preview');
    const room: RoomRef = { platform: 'slack', workspaceId: 'T1', channelId: 'C1' };
    const vote = (status: Vote['status']): Vote => ({
      id: 'v1',
      options: ['Left', 'Right'],
      openedBy: { kind: 'user', id: 'u1', name: 'Ann' },
      openedAt: '2024-01-01T00:00:00.000Z',
      deadline: '2024-01-01T00:05:00.000Z',
      ballots: { u2: 0 },
      status,
    });
    const listeners: ChangeListener[] = [];
    const tracker = createVoteMessageTracker<VoteMessage>({
      platform: 'slack',
      engine: {
        subscribe(listener) {
          listeners.push(listener);
          return () => {};
        },
      },
      store: { readAttachment: async () => undefined, writeAttachment: async () => {} },
      logger: silentLogger,
      now: Date.now,
      intervalMs: 1,
      storedId: z.string(),
      // As the header says: render in send, and let the vote's state say whether the edit is final.
      edit: (message, current, where) =>
        budget.edit(
          where.workspaceId,
          message.messageId,
          async () => {
            sent.push({ team: 'T1', message: message.messageId, state: current().status, at: clock.now() });
          },
          { final: () => current().status !== 'open' },
        ),
    });
    const change = (type: 'vote.cast' | 'vote.closed', shown: Vote) => {
      for (const listener of listeners)
        listener({
          room: { ref: room, votes: { v1: shown } },
          events: [{ type, voteId: 'v1' }],
        } as unknown as RoomChange);
    };
    tracker.remember(room, 'v1', { channelId: 'C1', messageId: 'vote', ephemeral: false });
    change('vote.cast', vote('open'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    change('vote.closed', vote('closed'));
    await clock.advance(60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await tracker.stop();
    expect(sent.map((edit) => [edit.message, edit.state])).toEqual([
      ['other', 'other message'],
      ['vote', 'closed'],
    ]);
  });
});
