// A local OpenAI-compatible images server for tests: POST /v1/images/generations answers with the next
// scripted step (a real PNG as base64 or as a URL on this server, an error status, a hang, bytes that are not
// a picture), so a test can make it fail the ways real ones do. tinyPng() builds a real PNG (zlib + CRC-32).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

/** A real w×h PNG (8-bit RGB, one colour), built from its chunks: signature, IHDR, IDAT, IEND. */
export function tinyPng(width = 1, height = 1, rgb: [number, number, number] = [200, 40, 40]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(pixels)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

export type ImageStep =
  /** 200 with data[0].b64_json (a tiny PNG unless bytes are given). */
  | { kind: 'b64'; bytes?: Uint8Array }
  /** 200 with data[0].url: a path on this server (default) or any URL, which serves the bytes. */
  | { kind: 'url'; bytes?: Uint8Array; url?: string }
  /** An error status with OpenAI's error body; `code` e.g. "content_policy_violation". */
  | { kind: 'status'; status: number; code?: string; headers?: Record<string, string> }
  /** Takes the request and never answers. */
  | { kind: 'hang' }
  /** A 200 with this body, whatever its shape. */
  | { kind: 'body'; body: unknown };

export interface ImageRequest {
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

export interface FakeImagesServer {
  /** e.g. http://127.0.0.1:40123/v1 */
  baseURL: string;
  origin: string;
  /** Generation requests, in order (file downloads are not listed). */
  requests: ImageRequest[];
  /** How many times a served file was downloaded. */
  downloads: number;
  enqueue(...steps: ImageStep[]): void;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export async function startFakeImagesServer(): Promise<FakeImagesServer> {
  const queue: ImageStep[] = [];
  const files = new Map<string, Uint8Array>();
  let fileCount = 0;
  let origin = '';
  const state: FakeImagesServer = {
    baseURL: '',
    origin: '',
    requests: [],
    downloads: 0,
    enqueue: (...steps) => queue.push(...steps),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const path = (request.url ?? '').replace(/\?.*$/, '');
    if (request.method === 'GET' && files.has(path)) {
      state.downloads += 1;
      const bytes = files.get(path) as Uint8Array;
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(bytes.length) });
      response.end(bytes);
      return;
    }
    const body = await readBody(request);
    if (!path.endsWith('/images/generations')) {
      json(response, 404, { error: { message: `no route ${path}`, type: 'invalid_request_error' } });
      return;
    }
    state.requests.push({ path, body, headers: request.headers });
    const step = queue.shift() ?? { kind: 'b64' };
    const created = Math.floor(Date.now() / 1000);
    switch (step.kind) {
      case 'hang':
        return;
      case 'status':
        json(
          response,
          step.status,
          {
            error: {
              message: `fake error ${step.status}`,
              type: 'invalid_request_error',
              param: null,
              code: step.code ?? null,
            },
          },
          step.headers,
        );
        return;
      case 'body':
        json(response, 200, step.body);
        return;
      case 'b64':
        json(response, 200, {
          created,
          data: [{ b64_json: Buffer.from(step.bytes ?? tinyPng()).toString('base64') }],
        });
        return;
      case 'url': {
        const filePath = `/files/frame-${++fileCount}.png`;
        files.set(filePath, step.bytes ?? tinyPng());
        json(response, 200, { created, data: [{ url: step.url ?? `${origin}${filePath}` }] });
        return;
      }
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  state.origin = origin;
  state.baseURL = `${origin}/v1`;
  return state;
}
