import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../../helpers/discord-harness.ts';
import { ALICE, BOB, buttonClick, MOD, member, slashCommand } from '../../helpers/discord-payloads.ts';
import { rateLimitHeaders } from '../../helpers/discord-rest.ts';

// Live vote counts are edited on a timer (throttled-task.ts, real timers): at most one edit per
// DISCORD_VOTE_EDIT_MS, counted from the start of the previous edit. Kept apart from vote-buttons.test.ts so
// its pauses do not shift that file's timing.

let harness: Harness;
afterEach(() => harness.close());

const eventually = (assertion: () => unknown) => vi.waitFor(assertion, { timeout: 5000, interval: 20 });

/** Edits of a vote message (an embed and no text) made at or after `after`. */
const voteEdits = (h: Harness, after: number) =>
  h.rest.calls.filter(
    (call) =>
      call.method === 'PATCH' &&
      call.at >= after &&
      call.body?.embeds?.[0]?.title !== undefined &&
      !call.body.content,
  );

/** Starts a story and a vote; the vote message's id and the custom id of its first button. */
async function openVote(h: Harness): Promise<{ left: string; messageId: string }> {
  await h.send(slashCommand('scene start', { title: 'The Long Night' }, ALICE));
  const open = slashCommand('vote open', { option1: 'Go left', option2: 'Go right', duration: '5m' }, ALICE);
  await h.send(open);
  const reply = h.rest.find('PATCH', new RegExp(`${open.token}/messages/@original$`)).at(-1);
  return {
    left: reply?.body.components[0].components[0].custom_id,
    messageId: h.rest.originalId(open.token) ?? '',
  };
}

describe('live vote counts', () => {
  it('spaces count edits by the vote edit interval, merging clicks that arrive in between', async () => {
    const intervalMs = 400;
    harness = await startHarness({ config: { voteEditMs: intervalMs } });
    const { left, messageId } = await openVote(harness);
    const voters = [BOB, MOD, ...[3, 4, 5, 6].map((n) => member(`140000000000000010${n}`, `voter${n}`))];
    const before = Date.now();

    // Six people click within about a third of a second (the fake answers in-process, so pause between).
    for (const voter of voters) {
      await harness.send(buttonClick(left, messageId, voter));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    await eventually(() =>
      expect(voteEdits(harness, before).at(-1)?.body.embeds[0].description).toContain(
        `**A.** Go left · ${voters.length} votes`,
      ),
    );
    const edits = voteEdits(harness, before);
    // The first click is shown at once; the others are merged into edits at least an interval apart.
    expect(edits[0]?.body.embeds[0].description).toContain('**A.** Go left · 1 vote\n');
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.length).toBeLessThan(voters.length);
    for (const [index, edit] of edits.entries()) {
      const previous = edits[index - 1];
      // The interval runs from the start of one edit to the start of the next; `at` is when the fake received
      // the request, which a busy machine can delay for one edit and not the next. Clicks came every 50 ms, so
      // edits three quarters of an interval apart still show they were spaced, not one per click.
      if (previous) expect(edit.at - previous.at).toBeGreaterThanOrEqual(intervalMs * 0.75);
      expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('shows the close even when the vote closes while a count edit is on its way', async () => {
    harness = await startHarness({ config: { voteEditMs: 50 } });
    const { left, messageId } = await openVote(harness);
    // The count edit after Bob's click is held up by a rate limit; the moderator closes the vote meanwhile.
    const countEdit = (call: { method: string; body?: { embeds?: { title?: string }[] } }) =>
      call.method === 'PATCH' && call.body?.embeds?.[0]?.title === 'What happens next?';
    harness.rest.failNext(
      countEdit,
      429,
      { message: 'You are being rate limited.', retry_after: 0.3, global: false },
      rateLimitHeaders(0.3),
    );
    const since = Date.now();
    await harness.send(buttonClick(left, messageId, BOB));
    await eventually(() =>
      expect(harness.rest.calls.some((c) => c.at >= since && c.status === 429)).toBe(true),
    );
    const close = slashCommand('vote close', {}, MOD);
    await harness.send(close);

    // The vote message (not the moderator's reply) ends closed, its buttons disabled.
    await eventually(() => {
      const edits = harness.rest.calls.filter(
        (c) => c.at >= since && c.method === 'PATCH' && c.body?.embeds && !c.path.includes(close.token),
      );
      const last = edits.at(-1);
      expect(last?.body.embeds[0].title).toBe('Vote closed');
      expect(last?.body.components[0].components.map((b: { disabled?: boolean }) => b.disabled)).toEqual([
        true,
        true,
      ]);
    });
  });
});
