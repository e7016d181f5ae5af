// A reply whose new lines of dialogue are spoken by the characters themselves (character voices): the
// lines are taken out, in order, between the reply's other parts; each platform posts them in its own way
// (Discord: a webhook per character) and points to them from the reply.
import type { Block, Reply, Text } from '../../commands/command.ts';
import type { Beat } from '../../story/types.ts';

export type VoicedPart<T extends Text = Text> =
  | { type: 'blocks'; blocks: Block<T>[] }
  | { type: 'voice'; beat: Beat };

/** The reply in order, with each dialogue beat for which `speaks` holds as a part of its own. */
export function splitVoices<T extends Text>(
  reply: Reply<T>,
  speaks: (beat: Beat) => boolean,
): VoicedPart<T>[] {
  const parts: VoicedPart<T>[] = [];
  const add = (block: Block<T>) => {
    const last = parts.at(-1);
    if (last?.type === 'blocks') last.blocks.push(block);
    else parts.push({ type: 'blocks', blocks: [block] });
  };
  for (const block of reply.blocks) {
    if (block.type !== 'beats') {
      add(block);
      continue;
    }
    let others: Beat[] = [];
    const flush = () => {
      if (others.length > 0) add({ ...block, beats: others });
      others = [];
    };
    for (const beat of block.beats) {
      if (beat.kind === 'dialogue' && beat.character && speaks(beat)) {
        flush();
        parts.push({ type: 'voice', beat });
      } else others.push(beat);
    }
    flush();
  }
  return parts;
}
