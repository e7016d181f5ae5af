// The story map: the beat tree as a graph laid out by dagre, scenes as groups, beats as short labels, branch
// points with the vote that decided them, the story's path highlighted and branches not taken dimmed. Runs of
// beats with nothing to show between them collapse into one node with a count, so 500 beats stay readable.
import type { RoomHistory } from '../story/room-history.ts';
import type { Beat } from '../story/types.ts';
import { optionLetter } from '../story/votes.ts';
import { countBallots } from './export-labels.ts';
import type { VoteRecord } from './log-types.ts';
import { readRoomLog } from './room-log.ts';

export interface MapNode {
  id: string;
  /** Short text (people's text, raw). */
  label: string;
  /** How many beats the node stands for (more than 1: a collapsed run). */
  count: number;
  kind: Beat['kind'] | 'run';
  onPath: boolean;
  sceneId?: string | undefined;
  /** For a branch point: the vote that decided where the story went, with its counts. */
  decision?: string | undefined;
}

export interface MapGraph {
  nodes: MapNode[];
  edges: { from: string; to: string; onPath: boolean }[];
  scenes: { id: string; heading: string; onPath: boolean }[];
}

/** Runs at least this long collapse into one node. */
const COLLAPSE_FROM = 3;
const LABEL_UNITS = 26;

/** The first words of a text, about `units` wide (a CJK character counts 2). */
export function shortLabel(text: string, units = LABEL_UNITS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let width = 0;
  let out = '';
  for (const char of flat) {
    width += isWide(char) ? 2 : 1;
    if (width > units) return `${out.trimEnd()}…`;
    out += char;
  }
  return out;
}

const isWide = (char: string) =>
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u.test(
    char,
  );

function beatLabel(beat: Beat): string {
  if (beat.kind === 'dialogue') return shortLabel(`${(beat.character ?? '').toUpperCase()}: ${beat.text}`);
  return shortLabel(beat.text);
}

function decision(vote: VoteRecord): string {
  const tally = vote.result?.tally ?? countBallots(vote);
  const counts = tally.join('–');
  const winner = vote.result?.winner;
  const won =
    winner === null || winner === undefined
      ? '—'
      : `${optionLetter(winner)}. ${shortLabel(vote.options[winner] ?? '', 18)}`;
  return `${won} (${counts})`;
}

/** The tree as map nodes: scenes, branch points with their deciding vote, collapsed runs. */
export function storyMapGraph(history: RoomHistory): MapGraph {
  const log = readRoomLog(history);
  const decidedAt = new Map<string, VoteRecord>();
  for (const vote of log.votes)
    if (vote.anchorId && vote.status === 'closed') decidedAt.set(vote.anchorId, vote);
  const nodes: MapNode[] = [];
  const edges: MapGraph['edges'] = [];
  const scenes = new Map<string, { id: string; heading: string; onPath: boolean }>();
  // Walk each chain from its start; a chain breaks at scenes, branch points and children of branch points.
  const starts: { beat: Beat; from: string | null; sceneId: string | undefined }[] = (
    log.children.get('') ?? []
  ).map((beat) => ({ beat, from: null, sceneId: undefined }));
  while (starts.length > 0) {
    const { beat: first, from, sceneId: inherited } = starts.pop() as (typeof starts)[number];
    let sceneId = first.kind === 'scene' ? first.sceneId : inherited;
    const run: Beat[] = [first];
    let last = first;
    for (;;) {
      const kids = log.children.get(last.id) ?? [];
      const next = kids[0];
      if (kids.length !== 1 || !next || next.kind === 'scene') break;
      if (log.onPath.has(next.id) !== log.onPath.has(last.id)) break;
      run.push(next);
      last = next;
    }
    if (first.kind === 'scene' && sceneId) {
      const heading = history.state.scenes[sceneId]?.heading ?? first.text;
      scenes.set(sceneId, { id: sceneId, heading, onPath: log.onPath.has(first.id) });
    }
    const onPath = log.onPath.has(first.id);
    const groups = run.length >= COLLAPSE_FROM ? [run] : run.map((beat) => [beat]);
    let previous = from;
    for (const group of groups) {
      const head = group[0] as Beat;
      const tail = group.at(-1) as Beat;
      const vote = decidedAt.get(tail.id);
      const id = `n${nodes.length}`;
      // A run that opens a scene is labelled by what happens in it (the heading is the group's title).
      const shown = head.kind === 'scene' && group.length > 1 ? (group[1] as Beat) : head;
      nodes.push({
        id,
        label: beatLabel(shown),
        count: group.length,
        kind: group.length > 1 ? 'run' : head.kind,
        onPath,
        sceneId,
        ...(vote && (log.children.get(tail.id)?.length ?? 0) > 1 ? { decision: decision(vote) } : {}),
      });
      if (previous) edges.push({ from: previous, to: id, onPath });
      previous = id;
    }
    for (const kid of [...(log.children.get(last.id) ?? [])].reverse()) {
      starts.push({ beat: kid, from: previous, sceneId });
    }
    sceneId = undefined;
  }
  const byId = new Map(nodes.map((node) => [node.id, node]));
  for (const edge of edges)
    edge.onPath = (byId.get(edge.from)?.onPath ?? false) && (byId.get(edge.to)?.onPath ?? false);
  return { nodes, edges, scenes: [...scenes.values()] };
}
