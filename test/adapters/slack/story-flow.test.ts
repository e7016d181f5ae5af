// A whole story in a Slack channel, through signed requests and the fake Web API: /scene start, a streamed
// /scene continue, a vote opened, clicked (and a vote changed), closed, a late click, and the next beat.
// Every call Slack receives is asserted with its text, escaping and flags included.
import { afterEach, describe, expect, it } from 'vitest';
import type { Narrator } from '../../../src/story/narrator.ts';
import { scriptedNarrator } from '../../helpers/discord-narrator.ts';
import {
  buttonsIn,
  type SlackHarness,
  shownIn,
  startSlackHarness,
  waitForCalls,
} from '../../helpers/slack-harness.ts';
import type { SlackCall } from '../../helpers/slack-web-api.ts';

let harness: SlackHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const MESSAGE_CALLS = [
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'chat.delete',
  'response_url',
];
const messageCalls = (h: SlackHarness) => h.api.calls.filter((call) => MESSAGE_CALLS.includes(call.method));

describe('a story in a Slack channel', () => {
  it('starts, streams a beat, votes through buttons and continues with the winner', async () => {
    const scripted = scriptedNarrator({
      pieces: ['The detective ', 'lies about ', 'the <!channel> key.'],
      pauseMs: 120,
    });
    const directions: (string | undefined)[] = [];
    const narrator: Narrator = {
      ...scripted,
      writeBeat(request, stream) {
        directions.push(request.direction);
        return scripted.writeBeat(request, stream);
      },
    };
    harness = await startSlackHarness({ narrator });
    const h = harness;
    h.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });

    // /scene start: acked, then one channel message with mentions and unfurls off.
    expect(
      (
        await h.slash({
          command: '/scene',
          text: 'start title:"The Heist" genre:noir',
          userId: 'U0MOD',
          userName: 'mo',
        })
      ).status,
    ).toBe(200);
    await h.idle();
    // Exactly: who the moderator is and their language (one users.info serves permissions and the profile,
    // then cached), and the one message, with nothing but these arguments.
    const ownCalls = () => h.api.calls.filter((call) => call.method !== 'auth.test');
    expect(ownCalls().map((call) => call.method)).toEqual(['users.info', 'chat.postMessage']);
    expect(h.api.callsOf('users.info')[0]?.args).toMatchObject({ user: 'U0MOD', include_locale: 'true' });
    const started = h.api.callsOf('chat.postMessage');
    expect(Object.keys(started[0]?.args ?? {}).sort()).toEqual(
      ['blocks', 'channel', 'link_names', 'parse', 'text', 'unfurl_links', 'unfurl_media'].sort(),
    );
    expect(started[0]?.token).toBe('xoxb-test-token');
    expect(started[0]?.args).toMatchObject({
      channel: 'C0STORY',
      link_names: 'false',
      unfurl_links: 'false',
      unfurl_media: 'false',
      parse: 'none',
    });
    expect(shownIn(started[0] as SlackCall)).toContain('The Heist');

    // /scene continue: a preview posted, edited as the narrator writes, then the final text in order.
    h.api.calls.length = 0;
    await h.slash({
      command: '/scene',
      text: 'continue the detective lies',
      userId: 'U0MOD',
      userName: 'mo',
    });
    await h.idle();
    const streamed = messageCalls(h);
    const [preview, ...edits] = streamed;
    expect(preview?.method).toBe('chat.postMessage');
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(edits.every((call) => call.method === 'chat.update' && call.args.ts === edits[0]?.args.ts)).toBe(
      true,
    );
    const final = edits.at(-1) as SlackCall;
    expect(final.args).toMatchObject({ link_names: 'false', parse: 'none' });
    expect(shownIn(final)).toContain('The detective lies about the &lt;!channel&gt; key.');
    for (const call of streamed) expect(shownIn(call)).not.toContain('<!channel>');

    // /vote open: a message of its own with one button per option.
    h.api.calls.length = 0;
    await h.slash({
      command: '/vote',
      text: 'open "Go left" "Go right" duration:60s',
      userId: 'U0MOD',
      userName: 'mo',
    });
    await h.idle();
    const voteMessage = h.api.callsOf('chat.postMessage').find((call) => buttonsIn(call).length > 0);
    const buttons = buttonsIn(voteMessage);
    expect(buttons.map((button) => button.text)).toEqual([
      expect.stringContaining('Go left'),
      expect.stringContaining('Go right'),
    ]);
    const voteTs = String(voteMessage?.result?.ts);
    const [left, right] = buttons;

    // Clicks: acked at once; each voter gets a private confirmation; the counts follow on the message.
    h.api.calls.length = 0;
    expect((await h.click({ value: left?.value ?? '', messageTs: voteTs, userId: 'U0ALICE' })).status).toBe(
      200,
    );
    await h.idle();
    await h.click({ value: right?.value ?? '', messageTs: voteTs, userId: 'U0ALICE' });
    await h.idle();
    await h.click({ value: right?.value ?? '', messageTs: voteTs, userId: 'U0BOB' });
    await h.idle();
    const confirmations = h.api.callsOf('response_url');
    expect(confirmations).toHaveLength(3);
    // Each new voter is looked up once (role and language together); every click is answered on its response_url.
    expect(
      h.api.calls
        .filter((call) => call.method !== 'chat.update' && call.method !== 'auth.test')
        .map((call) => (call.method === 'users.info' ? `users.info ${String(call.args.user)}` : call.method)),
    ).toEqual(['users.info U0ALICE', 'response_url', 'response_url', 'users.info U0BOB', 'response_url']);
    for (const confirmation of confirmations)
      expect(confirmation.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(shownIn(confirmations[1] as SlackCall)).toMatch(/changed|Go right/i);
    await waitForCalls(() =>
      h.api
        .callsOf('chat.update')
        .some((call) => call.args.ts === voteTs && buttonsIn(call).some((b) => b.text.includes('2'))),
    );

    // Closed by a moderator: the buttons go and the result is shown.
    await h.slash({ command: '/vote', text: 'close', userId: 'U0MOD', userName: 'mo' });
    await h.idle();
    await waitForCalls(() =>
      h.api.callsOf('chat.update').some((call) => call.args.ts === voteTs && buttonsIn(call).length === 0),
    );
    const closed = h.api
      .callsOf('chat.update')
      .filter((call) => call.args.ts === voteTs)
      .at(-1) as SlackCall;
    expect(shownIn(closed)).toContain('Go right');

    // A late click is refused politely, privately.
    h.api.calls.length = 0;
    await h.click({ value: left?.value ?? '', messageTs: voteTs, userId: 'U0CAROL' });
    await h.idle();
    const late = h.api.callsOf('response_url');
    expect(late).toHaveLength(1);
    expect(shownIn(late[0] as SlackCall)).toContain('already closed');

    // The next beat follows the winner.
    h.api.calls.length = 0;
    await h.slash({ command: '/scene', text: 'continue', userId: 'U0MOD', userName: 'mo' });
    await h.idle();
    expect(directions).toEqual(['the detective lies', expect.stringContaining('Go right')]);
    expect(h.logs.filter((entry) => entry.level === 'error')).toEqual([]);
  });
});
