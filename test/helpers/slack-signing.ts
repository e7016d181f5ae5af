// Signs a request body as Slack does: v0= HMAC-SHA256 of "v0:{timestamp}:{body}" with the signing secret.
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function slackSignature(body: string, timestampSeconds: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

/** The headers of a signed request, signed now unless told otherwise. */
export function signedHeaders(
  body: string,
  options: { timestampSeconds?: number; secret?: string; contentType?: string } = {},
): Record<string, string> {
  const timestamp = options.timestampSeconds ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(body, timestamp, options.secret),
  };
}
