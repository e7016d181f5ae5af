// Token counts without a tokenizer (none can be downloaded at run time, and each server's differs).
//
// Heuristic, tuned to err on the high side for BPE tokenizers (cl100k/o200k, Llama 3, Qwen, Mistral):
// - ASCII: 1 token per 4 characters (English prose runs about 4.2-4.8 characters per token);
// - CJK ideographs, kana and Hangul: 1 token per character (cl100k is about 1.1-1.3, o200k and Qwen about
//   0.6-0.9 for Chinese, so this is close on average and never wildly low);
// - other letters (accented Latin, Cyrillic, Greek, Arabic, ...): 1 token per 2 characters;
// - characters outside the BMP (emoji): 2 tokens each.
// Prompts are kept well inside the budget anyway (see assemble-prompt.ts), so a 10-20% error is harmless.

/** Chat formats add a few tokens around every message (role markers, separators). */
export const MESSAGE_OVERHEAD_TOKENS = 4;
/** And a few to prime the reply. */
export const REPLY_PRIMING_TOKENS = 3;

function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // hiragana, katakana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0x3000 && code <= 0x303f) || // CJK punctuation
    (code >= 0xff00 && code <= 0xffef) // full-width forms
  );
}

// Only the non-ASCII characters are looked at one by one; the regex engine skips the ASCII runs.
const NON_ASCII = /[\u0080-\uffff]/g;

export function estimateTokens(text: string): number {
  let nonAscii = 0;
  let other = 0;
  let tokens = 0;
  for (const match of text.matchAll(NON_ASCII)) {
    nonAscii++;
    const code = match[0].charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdbff)
      tokens += 2; // an emoji or other astral character
    else if (code >= 0xdc00 && code <= 0xdfff)
      continue; // its second half
    else if (isCjk(code)) tokens += 1;
    else other++;
  }
  return tokens + Math.ceil((text.length - nonAscii) / 4) + Math.ceil(other / 2);
}

export function estimateMessagesTokens(messages: readonly { content: string }[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) total += MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content);
  return total;
}
