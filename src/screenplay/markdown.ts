// Markdown: the readable script, the vote log, the audit log and the story tree as a Mermaid diagram.
// Every ASCII punctuation character of people's text is backslash-escaped (CommonMark allows it for all of
// them), so nothing they wrote becomes a link, HTML, a heading or emphasis.
import type { ExportScope, RoomHistory } from '../story/room-history.ts';
import { optionLetter } from '../story/votes.ts';
import { auditLog } from './audit-log.ts';
import { describeAudit } from './audit-text.ts';
import { beatElements, type ScreenplayElement } from './elements.ts';
import { LABELS } from './export-labels.ts';
import type { VoteRecord } from './log-types.ts';
import { authorName, readRoomLog, scriptParts, writers } from './room-log.ts';
import { storyMapGraph } from './story-map.ts';

export interface MarkdownOptions {
  scope: ExportScope;
}

/** Text as inline Markdown: punctuation escaped, lines kept as hard line breaks, blank lines as paragraphs. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[!-/:-@[-`{-~]/g, '\\$&')
    .split(/\n[^\S\n]*\n\s*/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim().replace(/\s+/g, ' '))
        .filter(Boolean)
        .join('\\\n'),
    )
    .filter(Boolean)
    .join('\n\n');
}

const oneLine = (text: string) => escapeMarkdown(text.replace(/\s+/g, ' '));

function element(item: ScreenplayElement): string {
  switch (item.type) {
    case 'scene-heading':
      return `### ${oneLine(item.text)}`;
    case 'scene-description':
    case 'action':
      return escapeMarkdown(item.text);
    case 'character':
      return `**${oneLine(item.text) || '?'}**`;
    case 'parenthetical':
      return `*\\(${oneLine(item.text)}\\)*`;
    case 'dialogue':
      return escapeMarkdown(item.text)
        .split('\n\n')
        .map((block) => `> ${block.replaceAll('\n', '\n> ')}`)
        .join('\n>\n');
    case 'transition':
      return `**${oneLine(item.text)}**`;
  }
}

function voteBlock(vote: VoteRecord): string {
  const lines = [
    `- **${LABELS.vote} ${oneLine(vote.id)}**, ${oneLine(authorName(vote.openedBy))}, ${vote.openedAt}: ${oneLine(LABELS.voteResult(vote))}`,
    ...LABELS.voteCounts(vote).map((count) => `  - ${oneLine(count)}`),
  ];
  if (vote.ballots.length > 0) {
    lines.push(
      `  - ${vote.ballots.map((b) => `${oneLine(b.voter.name)}: ${optionLetter(b.option)}`).join(', ')}`,
    );
  }
  return lines.join('\n');
}

/** Mermaid label text: everything but letters, digits and spaces as an entity code, which Mermaid reads. */
export function mermaidLabel(text: string): string {
  return [...text].map((char) => (/[\p{L}\p{N} ]/u.test(char) ? char : `#${char.codePointAt(0)};`)).join('');
}

/** The story tree as a Mermaid flowchart (the same collapsed graph as the PNG map). */
export function storyMapMermaid(history: RoomHistory): string {
  const graph = storyMapGraph(history);
  const lines = ['flowchart TD'];
  const byScene = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const text = [
      node.label,
      node.count > 1 ? `+${node.count - 1} beats` : '',
      node.decision ? `Vote: ${node.decision}` : '',
    ]
      .filter(Boolean)
      .map(mermaidLabel)
      .join('<br/>');
    const line = `  ${node.id}["${text}"]${node.onPath ? ':::path' : ':::dimmed'}`;
    const key = node.sceneId ?? '';
    byScene.set(key, [...(byScene.get(key) ?? []), line]);
  }
  for (const [sceneId, nodes] of byScene) {
    const scene = graph.scenes.find((s) => s.id === sceneId);
    if (scene)
      lines.push(`  subgraph scene_${lines.length}["${mermaidLabel(scene.heading)}"]`, ...nodes, '  end');
    else lines.push(...nodes);
  }
  for (const edge of graph.edges) lines.push(`  ${edge.from} ${edge.onPath ? '==>' : '-.->'} ${edge.to}`);
  lines.push('  classDef path stroke:#1d4ed8,stroke-width:2px', '  classDef dimmed opacity:0.5');
  return lines.join('\n');
}

/** The room as a Markdown document. */
export function toMarkdown(history: RoomHistory, options: MarkdownOptions): string {
  const story = history.state.story;
  const out: string[] = [`# ${oneLine(story?.title ?? '') || '—'}`];
  out.push(`${LABELS.credit} ${writers(history).map(oneLine).join(', ')}`);
  const { scenes } = history.state;
  for (const part of scriptParts(history, options.scope)) {
    if (part.type === 'beat') {
      const items = beatElements(part.beat, scenes).map(element);
      out.push(
        part.kept
          ? items.join('\n\n')
          : items
              .map((item) =>
                item
                  .split('\n')
                  .map((l) => `> ${l}`)
                  .join('\n'),
              )
              .join('\n>\n'),
      );
    } else if (part.type === 'vote')
      out.push(`*${oneLine(`[${LABELS.vote} ${part.vote.id}: ${LABELS.voteResult(part.vote)}]`)}*`);
    else if (part.type === 'not-kept-start') out.push(`---\n\n*${oneLine(LABELS.notKept(part.reason))}*`);
    else out.push(`*${oneLine(LABELS.notKeptEnd)}*\n\n---`);
  }
  const log = readRoomLog(history);
  out.push('## Votes', log.votes.length > 0 ? log.votes.map(voteBlock).join('\n') : '—');
  const audit = auditLog(history).map((entry) => {
    const { who, what, subject, details } = describeAudit(entry);
    return `- ${entry.at} ${oneLine(who)} ${oneLine(what)}${subject ? `: ${oneLine(subject)}` : ''}${details ? ` \\(${oneLine(details)}\\)` : ''}`;
  });
  out.push('## Moderator actions', audit.length > 0 ? audit.join('\n') : '—');
  out.push('## Story map', `\`\`\`mermaid\n${storyMapMermaid(history)}\n\`\`\``);
  return `${out.join('\n\n')}\n`;
}
