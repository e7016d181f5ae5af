// Character voices (with and without chat:write.customize), files through files.uploadV2, and a generation
// that fails after it started streaming.
import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyvEventStore } from '../../../src/store/keyv-event-store.ts';
import { scriptedNarrator } from '../../helpers/discord-narrator.ts';
import { type SlackHarness, shownIn, startSlackHarness } from '../../helpers/slack-harness.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../helpers/slack-web-api.ts';

const BASE_SCOPES = ['chat:write', 'commands', 'users:read', 'usergroups:read', 'files:write', 'im:write'];
let h: SlackHarness | undefined;
let api: FakeSlackApi | undefined;
afterEach(async () => {
  await h?.close();
  await api?.close();
  h = undefined;
  api = undefined;
});

async function storyWithVoices(harness: SlackHarness) {
  harness.api.users.set('U0MOD', { is_admin: true, name: 'Mo' });
  for (const text of ['start title:"The Heist"'])
    await harness.slash({ command: '/scene', text, userId: 'U0MOD' });
  await harness.slash({ command: '/character', text: 'add Vera A safecracker', userId: 'U0MOD' });
  await harness.slash({ command: '/room', text: 'settings character_voices:on', userId: 'U0MOD' });
  await harness.idle();
  harness.api.calls.length = 0;
}

describe('character voices in Slack', () => {
  it("posts a character's line under the character's name and icon when the scope is granted", async () => {
    api = await startFakeSlackApi({ scopes: [...BASE_SCOPES, 'chat:write.customize'] });
    h = await startSlackHarness({ api });
    await storyWithVoices(h);
    await h.slash({ command: '/say', text: 'Vera Keep the <!here> engine running.', userId: 'U0MOD' });
    await h.idle();
    const voiced = api.callsOf('chat.postMessage').find((call) => call.args.username !== undefined);
    expect(voiced?.args).toMatchObject({
      username: expect.stringMatching(/vera/i),
      link_names: 'false',
      parse: 'none',
    });
    expect(String(voiced?.args.icon_emoji)).toMatch(/^:[a-z_]+:$/);
    expect(shownIn(voiced)).toContain('Keep the &lt;!here&gt; engine running.');
    expect(shownIn(voiced)).not.toContain('<!here>');
  });

  it('shows lines as usual without the scope and tells a moderator once per room, across a restart', async () => {
    api = await startFakeSlackApi({ scopes: BASE_SCOPES });
    const store = createKeyvEventStore(new Keyv());
    h = await startSlackHarness({ api, store });
    await storyWithVoices(h);
    await h.slash({ command: '/say', text: 'Vera We go tonight.', userId: 'U0MOD' });
    await h.idle();
    expect(api.callsOf('chat.postMessage').every((call) => call.args.username === undefined)).toBe(true);
    expect(shownIn(api.callsOf('chat.postMessage')[0])).toContain('We go tonight.');
    const notices = () =>
      api?.callsOf('response_url').filter((call) => shownIn(call).includes('chat:write.customize')) ?? [];
    expect(notices()).toHaveLength(1);

    await h.slash({ command: '/say', text: 'Vera Again.', userId: 'U0MOD' });
    await h.idle();
    await h.close();
    h = await startSlackHarness({ api, store });
    await h.slash({ command: '/say', text: 'Vera And again.', userId: 'U0MOD' });
    await h.idle();
    expect(notices()).toHaveLength(1);
  });
});

describe('files in Slack', () => {
  it("sends a private export to the person's direct messages with files.uploadV2", async () => {
    api = await startFakeSlackApi();
    h = await startSlackHarness({ api });
    await storyWithVoices(h);
    await h.slash({ command: '/export', text: 'format:md', userId: 'U0MOD' });
    await h.idle();
    expect(api.callsOf('conversations.open')[0]?.args).toMatchObject({ users: 'U0MOD' });
    const [upload] = api.callsOf('files.getUploadURLExternal');
    expect(upload?.args.filename).toMatch(/\.md$/);
    expect(Number(upload?.args.length)).toBeGreaterThan(0);
    expect(api.callsOf('file_upload')).toHaveLength(1);
    expect(api.callsOf('files.completeUploadExternal')[0]?.args).toMatchObject({ channel_id: 'DU0MOD' });
    expect(api.callsOf('chat.postMessage')).toEqual([]);
    const told = api.callsOf('response_url').map(shownIn).join('\n');
    expect(told).toContain('direct messages');
  });
});

describe('a generation that fails while streaming', () => {
  it('leaves its message saying so in one line, and the story unchanged', async () => {
    api = await startFakeSlackApi();
    h = await startSlackHarness({
      api,
      narrator: scriptedNarrator({
        pieces: ['The door ', 'creaks '],
        pauseMs: 120,
        failWith: new Error('model down'),
      }),
    });
    await storyWithVoices(h);
    const room = { platform: 'slack' as const, workspaceId: 'T0TEAM', channelId: 'C0STORY' };
    const beatsBefore = Object.keys((await h.engine.room(room)).beats);
    await h.slash({ command: '/scene', text: 'continue', userId: 'U0MOD' });
    await h.idle();
    const [preview] = api.callsOf('chat.postMessage');
    expect(shownIn(preview)).toContain('The door');
    const last = api
      .callsOf('chat.update')
      .filter((call) => call.args.ts === preview?.result?.ts)
      .at(-1);
    expect(last?.args.blocks).toHaveLength(1);
    expect(String(last?.args.text)).not.toContain('The door');
    expect(String(last?.args.text).split('\n')).toHaveLength(1);
    expect(api.callsOf('response_url')).toHaveLength(1);
    expect(Object.keys((await h.engine.room(room)).beats)).toEqual(beatsBefore);
  });
});
