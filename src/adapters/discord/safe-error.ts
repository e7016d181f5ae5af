// Discord's REST errors carry the request URL and body; for interaction routes the URL holds the
// interaction token. Errors are logged through this, which keeps what helps (method, route, status, code)
// and masks the token.
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

const TOKEN_IN_PATH = /\/(webhooks|interactions)\/(\d+)\/[^/?]+/g;

export function safeError(error: unknown): unknown {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) {
    const route = error.url.replace(TOKEN_IN_PATH, '/$1/$2/:token');
    const code = error instanceof DiscordAPIError ? ` (code ${error.code})` : '';
    const safe = new Error(
      `${error.method.toUpperCase()} ${route} -> ${error.status}${code}: ${error.message}`,
    );
    safe.name = error.name;
    return safe;
  }
  if (error instanceof RateLimitError) {
    return new Error(`rate limited on ${error.route} for ${error.timeToReset} ms`);
  }
  return error;
}
