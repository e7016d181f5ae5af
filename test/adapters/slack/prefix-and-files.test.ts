// Slack with SLACK_COMMAND_PREFIX=sr-: /help, usage lines and option messages write /sr-scene, never /scene.
// And what a slash command cannot carry (a file): /style set takes its sample typed, refuses a file clearly;
// /scene import says it needs a file Slack cannot send, and /help does not offer it.
import { afterEach, describe, expect, it } from 'vitest';
import { type SlackHarness, shownIn, startSlackHarness } from '../../helpers/slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h.close();
});

/** Runs a slash command and gives back what its person was told privately (the response_url posts). */
async function privately(command: string, text: string, userId = 'U0MOD'): Promise<string> {
  h.api.calls.length = 0;
  expect((await h.slash({ command, text, userId })).status).toBe(200);
  await h.idle();
  return h.api
    .callsOf('response_url')
    .map((call) => shownIn(call))
    .join('\n');
}

async function start(prefix: string) {
  h = await startSlackHarness({ config: { commandPrefix: prefix } });
  h.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
}

describe('Slack with a command prefix', () => {
  it('/sr-help lists every command as /sr-… with its usage', async () => {
    await start('sr-');
    const help = await privately('/sr-help', '');
    expect(help).toContain('/sr-scene start &lt;title&gt; [premise]');
    expect(help).toContain('/sr-vote open');
    expect(help).toContain('/sr-help');
    expect(help).not.toMatch(/(?<![-\w])\/scene start/);
  });

  it('writes usage lines and option messages with the prefix', async () => {
    await start('sr-');
    // A line the grammar cannot read: the group's usages follow.
    const parse = await privately('/sr-vote', 'open "A" "B" "C" "D" "E" "F" "G"');
    expect(parse).toContain('Usage:');
    expect(parse).toContain('/sr-vote open');
    expect(parse).not.toMatch(/(?<![-\w])\/vote open/);
    // An option missing: the command and its usage as typed here.
    const missing = await privately('/sr-character', 'add');
    expect(missing).toContain('/sr-character add needs name');
    expect(missing).toContain('Usage: /sr-character add &lt;name&gt;');
    // A name that is not ours points to /sr-help.
    const unknown = await privately('/sr-nonsense', '');
    expect(unknown).toContain('Type /sr-help to see every command.');
  });
});

describe('Slack slash commands carry no files', () => {
  it('/style set takes a typed sample, and refuses a file option saying what to type instead', async () => {
    await start('sr-');
    await h.slash({ command: '/sr-scene', text: 'start title:"The Heist"', userId: 'U0MOD' });
    await h.idle();
    const refused = await privately('/sr-style', 'set file:sample.txt');
    expect(refused).toContain("A Slack slash command cannot carry a file, so file can't be given here.");
    expect(refused).toContain('/sr-style set [sample] [notes]');
    expect(refused).not.toContain('[file]');
    const room = { platform: 'slack' as const, workspaceId: 'T0TEAM', channelId: 'C0STORY' };
    expect((await h.engine.room(room)).style).toBeUndefined();

    h.api.calls.length = 0;
    await h.slash({
      command: '/sr-style',
      text: 'set The rain fell. Nobody spoke. The clock ticked on.',
      userId: 'U0MOD',
    });
    await h.idle();
    expect((await h.engine.room(room)).style?.sample).toBe(
      'The rain fell. Nobody spoke. The clock ticked on.',
    );
  });

  it('/scene import says it needs a file Slack cannot send; /help and usage lines leave it out', async () => {
    await start('');
    const refused = await privately('/scene', 'import my-story.json');
    expect(refused).toContain(
      '/scene import needs a file, and a Slack slash command cannot carry one. Use it on Discord or in the terminal.',
    );
    const bare = await privately('/scene', 'import');
    expect(bare).toContain('/scene import needs a file');
    const help = await privately('/help', '');
    expect(help).toContain('/scene start');
    expect(help).not.toContain('/scene import');
    expect(help).toContain('/style set [sample] [notes]');
    const parse = await privately('/scene', '');
    expect(parse).toContain('Usage:');
    expect(parse).not.toContain('/scene import');
  });
});
