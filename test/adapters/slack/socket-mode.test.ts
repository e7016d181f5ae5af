// With an app-level token storyroom takes Slack's events over Socket Mode (no public URL): a slash command
// arrives as an envelope, is acked over the socket, and answered through the Web API like one over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { type SlackHarness, shownIn, startSlackHarness } from '../../helpers/slack-harness.ts';
import { type FakeSocketMode, startFakeSocketMode } from '../../helpers/slack-socket-mode.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../helpers/slack-web-api.ts';

let socket: FakeSocketMode | undefined;
let api: FakeSlackApi | undefined;
let h: SlackHarness | undefined;
afterEach(async () => {
  await h?.close();
  await socket?.close();
  await api?.close();
});

describe('Slack over Socket Mode', () => {
  it('acks a slash command over the socket and answers it through the Web API', async () => {
    socket = await startFakeSocketMode();
    api = await startFakeSlackApi();
    api.socketUrl = socket.url;
    h = await startSlackHarness({ api, config: { appToken: 'xapp-1-test', signingSecret: undefined } });
    await socket.connected();
    expect(h.adapter.ready()).toBe(true);
    expect(h.adapter.address).toBeUndefined();
    expect(api.callsOf('apps.connections.open')[0]?.token).toBe('xapp-1-test');

    const ack = await socket.send('slash_commands', {
      token: 'deprecated-verification-token',
      team_id: 'T0TEAM',
      team_domain: 'storyroom-test',
      channel_id: 'C0STORY',
      channel_name: 'story',
      user_id: 'U0ALICE',
      user_name: 'alice',
      command: '/scene',
      text: 'start title:"Sockets" genre:noir',
      api_app_id: 'A0STORY',
      response_url: api.responseUrl('socket'),
      trigger_id: '1.2.3',
    });
    expect(ack.envelope_id).toBe('envelope-1');
    await h.idle();
    const [posted] = api.callsOf('chat.postMessage');
    expect(posted?.token).toBe('xoxb-test-token');
    expect(shownIn(posted)).toContain('Sockets');

    await h.close();
    expect(h.adapter.ready()).toBe(false);
    h = undefined;
  });
});
