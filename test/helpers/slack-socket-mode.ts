// A fake of Slack's Socket Mode endpoint: a WebSocket server on loopback that says hello as Slack does,
// sends envelopes (slash commands, interactions) and collects the client's acks.
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface FakeSocketMode {
  url: string;
  /** Resolves once a client connected and was greeted. */
  connected(): Promise<void>;
  /** Sends an envelope and resolves with the client's ack for it. */
  send(
    type: 'slash_commands' | 'interactive' | 'events_api',
    payload: object,
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  let socket: WebSocket | undefined;
  let greeted: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    greeted = resolve;
  });
  const acks = new Map<string, (ack: Record<string, unknown>) => void>();
  let envelopes = 0;

  server.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      const id = message.envelope_id;
      if (typeof id === 'string') acks.get(id)?.(message);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0STORY' },
      }),
    );
    greeted();
  });

  return {
    url: `ws://127.0.0.1:${port}/link`,
    connected: () => ready,
    send(type, payload) {
      envelopes += 1;
      const id = `envelope-${envelopes}`;
      return new Promise((resolve) => {
        acks.set(id, resolve);
        socket?.send(
          JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: type !== 'events_api' }),
        );
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
