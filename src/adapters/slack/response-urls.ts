// A response_url takes 5 uses within 30 minutes, whoever uses it: the reply to a command or a click, and the
// edits of a private vote message drawn through the same click's URL. One count per URL, shared by all of
// them, so together they never pass Slack's limit (one use and a minute are kept in hand).

/** Uses granted per URL (Slack allows 5). */
export const RESPONSE_URL_USES = 4;
/** How long a URL is used after it is first seen (Slack allows 30 minutes). */
export const RESPONSE_URL_LIFETIME_MS = 29 * 60 * 1000;
/** URLs followed at once (expired ones and then the oldest are forgotten first). */
const URLS_MAX = 10_000;

export interface ResponseUrls {
  /** Takes one use of the URL: false when none is left or it has expired (use the Web API then). */
  take(url: string): boolean;
  /** Whether a use is left, without taking it. */
  usable(url: string): boolean;
}

export function createResponseUrls(now: () => number, max = URLS_MAX): ResponseUrls {
  const urls = new Map<string, { uses: number; until: number }>();
  const entryOf = (url: string) => {
    let entry = urls.get(url);
    if (!entry) {
      entry = { uses: 0, until: now() + RESPONSE_URL_LIFETIME_MS };
      urls.set(url, entry);
      for (const [key, old] of urls) {
        if (urls.size <= max && old.until > now()) break;
        urls.delete(key);
      }
    }
    return entry;
  };
  const usable = (url: string) => {
    const entry = entryOf(url);
    return entry.uses < RESPONSE_URL_USES && now() < entry.until;
  };
  return {
    usable,
    take(url) {
      if (!usable(url)) return false;
      const entry = urls.get(url);
      if (!entry) return false;
      entry.uses++;
      return true;
    },
  };
}
