// A command that says its reply is private is answered privately in Slack even when its reply comes back
// public (as on Discord, where the deferral decides): nothing of it reaches the channel.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, publicReply, text } from '../../../src/commands/command.ts';
import { type SlackHarness, shownIn, startSlackHarness } from '../../helpers/slack-harness.ts';

let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
});

const peek = defineCommand({
  name: 'peek',
  description: 'Shows a note only to the person who asks.',
  options: z.object({}),
  access: 'everyone',
  replies: 'private',
  execute: async () => publicReply(text('the private note')),
});

describe('private replies in Slack', () => {
  it('keeps a reply private that its command said would be, though it came back public', async () => {
    h = await startSlackHarness({ commands: [peek] });
    await h.slash({ command: '/peek', text: '', userId: 'U0ALICE' });
    await h.idle();
    expect(h.api.calls.filter((call) => ['chat.postMessage', 'chat.update'].includes(call.method))).toEqual(
      [],
    );
    const [answer] = h.api.callsOf('response_url');
    expect(answer?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(shownIn(answer)).toContain('the private note');
    expect(h.logs.some((entry) => entry.level === 'warn' && /replied publicly/.test(entry.msg ?? ''))).toBe(
      true,
    );
  });
});
