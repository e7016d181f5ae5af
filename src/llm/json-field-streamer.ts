// Pulls the human-readable text out of JSON while it is still being written, so the channel sees the beat
// ("The door opens...") rather than '{"kind":"action","text":"The door...'. Feeds on raw deltas; returns the
// newly decoded characters of one top-level field: a string, or an array of strings shown one per line.
// Anything before the first "{" (a code fence, a <think> block) is skipped.

export type FieldStreamer = (delta: string) => string;

export function createFieldStreamer(field: string): FieldStreamer {
  const stack: ('{' | '[')[] = [];
  let started = false;
  let inString = false;
  let pendingEscape = ''; // a backslash escape in progress, e.g. "\u00"
  let role: 'key' | 'emit' | 'item' | 'other' = 'other';
  let key = '';
  let topKey = '';
  let awaitingKey = false;
  let arrayOpen = false; // inside the streamed field's array
  let items = 0;

  function decode(sequence: string): string {
    try {
      return JSON.parse(`"${sequence}"`) as string;
    } catch {
      return '';
    }
  }

  function stringChar(piece: string): string {
    if (role === 'key') {
      key += piece;
      return '';
    }
    return role === 'emit' || role === 'item' ? piece : '';
  }

  function step(ch: string): string {
    if (inString) {
      if (pendingEscape) {
        pendingEscape += ch;
        const done = pendingEscape[1] === 'u' ? pendingEscape.length === 6 : pendingEscape.length === 2;
        if (!done) return '';
        const piece = decode(pendingEscape);
        pendingEscape = '';
        return stringChar(piece);
      }
      if (ch === '\\') {
        pendingEscape = ch;
        return '';
      }
      if (ch === '"') {
        inString = false;
        if (role === 'key' && stack.length === 1) topKey = key;
        if (role === 'key') awaitingKey = false;
        if (role === 'item') items++;
        return '';
      }
      return stringChar(ch);
    }
    const top = stack.at(-1);
    switch (ch) {
      case '{':
        stack.push('{');
        awaitingKey = true;
        return '';
      case '[':
        stack.push('[');
        if (stack.length === 2 && topKey === field) arrayOpen = true;
        return '';
      case '}':
      case ']':
        stack.pop();
        if (stack.length < 2) arrayOpen = false;
        awaitingKey = false;
        if (stack.length === 1) topKey = '';
        return '';
      case ',':
        if (top === '{') awaitingKey = true;
        if (stack.length === 1) topKey = '';
        return '';
      case '"': {
        inString = true;
        if (top === '{' && awaitingKey) {
          role = 'key';
          key = '';
          return '';
        }
        if (stack.length === 1 && topKey === field) role = 'emit';
        else if (arrayOpen && stack.length === 2) {
          role = 'item';
          return items > 0 ? '\n' : '';
        } else role = 'other';
        return '';
      }
      default:
        return '';
    }
  }

  const feed = (text: string) => {
    let out = '';
    for (const ch of text) out += step(ch);
    return out;
  };

  let prefix = '';
  return (delta) => {
    if (started) return feed(delta);
    prefix += delta;
    let body = prefix.trimStart();
    if (body.startsWith('<think>')) {
      const end = body.indexOf('</think>');
      if (end < 0) return '';
      body = body.slice(end + '</think>'.length);
    } else if ('<think>'.startsWith(body)) {
      return ''; // could still turn out to be a reasoning block
    }
    const open = body.indexOf('{');
    if (open < 0) return '';
    started = true;
    prefix = '';
    return feed(body.slice(open));
  };
}
