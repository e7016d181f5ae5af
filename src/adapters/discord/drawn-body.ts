// A JSON request body drawn when discord.js actually sends the request: after its per-route queue, a bucket
// wait, or a 429's retry_after (each retry draws again). A live message (a vote's counts) then shows the
// state of that moment, not of when the edit was queued. The body travels through @discordjs/rest as a
// pass-through body; the client's makeRequest (create-client.ts) draws it.
import type { RESTOptions } from 'discord.js';

export class DrawnBody {
  readonly draw: () => unknown;
  constructor(draw: () => unknown) {
    this.draw = draw;
  }
}

/** Options for rest.patch/post whose JSON body is drawn when the request goes out. */
export function drawnAtSend(draw: () => unknown) {
  return {
    body: new DrawnBody(draw),
    passThroughBody: true,
    headers: { 'Content-Type': 'application/json' },
  };
}

type MakeRequest = RESTOptions['makeRequest'];

/** Wraps a makeRequest so that a DrawnBody is drawn and serialised right before the request is made. */
export function drawingBodies(makeRequest: MakeRequest): MakeRequest {
  return (url, init) => {
    const body: unknown = init.body;
    if (!(body instanceof DrawnBody)) return makeRequest(url, init);
    return makeRequest(url, { ...init, body: JSON.stringify(body.draw()) });
  };
}
