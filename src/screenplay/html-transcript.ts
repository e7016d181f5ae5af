// The HTML transcript: one self-contained file (no external requests) with the script as a screenplay, every
// event with who, when and which command made it, each vote with its options, counts, ballots and result,
// each beat's reactions, the room's style, the storyboard, the moderators' actions and the story map inline.
// People's and the model's text is escaped; a Content Security Policy allows only this file's own small script
// (which shows times in the reader's time zone), so nothing in the story could run even if it slipped through.
// "Story only" hides everything else (CSS).
import { createHash } from 'node:crypto';
import type { StoryEvent } from '../story/events.ts';
import type { ExportScope, RoomHistory } from '../story/room-history.ts';
import type { Beat } from '../story/types.ts';
import { optionLetter } from '../story/votes.ts';
import { auditLog } from './audit-log.ts';
import { describeAudit } from './audit-text.ts';
import { beatElements } from './elements.ts';
import { LABELS } from './export-labels.ts';
import type { VoteRecord } from './log-types.ts';
import { authorName, type RoomLog, readRoomLog, scriptParts, writers } from './room-log.ts';

export interface HtmlOptions {
  scope: ExportScope;
  /** The story map as SVG (storyMapSvg), drawn inline; left out when absent. */
  mapSvg?: string | undefined;
  /** The most base64 of storyboard pictures to embed (HTML_PICTURES_MAX by default); older frames give way. */
  picturesMax?: number | undefined;
}

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] as string);
}

const SCRIPT = `for (const t of document.querySelectorAll('time[datetime]')) {
  const d = new Date(t.getAttribute('datetime'));
  if (!Number.isNaN(d.getTime())) { t.title = t.getAttribute('datetime'); t.textContent = d.toLocaleString(); }
}`;

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
.script{font-family:"Courier Prime",Courier,monospace;background:#fff;border:1px solid #ddd;padding:1.5rem 2rem}
.scene-heading{font-weight:bold;text-transform:uppercase;margin-top:1.5em}
.character{margin:1em 0 0 14em}.parenthetical{margin-left:11em}.dialogue{margin:0 8em 0 8em}
.transition{text-align:right}.action,.scene-description{margin:.8em 0}
.not-kept{opacity:.6}.not-kept del{text-decoration:line-through}
.note{color:#6b4f00;background:#fef3c7;padding:.2em .4em;font-family:system-ui,sans-serif;font-size:13px}
.events{list-style:none;padding:0}.events li{border-bottom:1px solid #eee;padding:.3em 0}
.cmd{font-family:monospace;color:#555}.who{font-weight:600}time{color:#555;font-size:13px}
.text{white-space:pre-wrap}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2em .5em}
body:has(#story-only:checked) .meta,body:has(#story-only:checked) .not-kept{display:none}
.map svg{max-width:100%;height:auto}
.storyboard img{max-width:100%;height:auto}figure{margin:1em 0}figcaption{font-size:13px;color:#555}`;

const time = (iso: string) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso)}</time>`;
const text = (value: string) => `<span class="text">${escapeHtml(value)}</span>`;

function beatHtml(beat: Beat, state: RoomHistory['state']): string {
  return beatElements(beat, state.scenes)
    .map((element) => {
      const content = element.type === 'parenthetical' ? `(${element.text})` : element.text;
      return `<p class="${element.type}">${text(content)}</p>`;
    })
    .join('');
}

const EMOJI_NAME = /^[\p{L}\p{N}_+'-]+$/u;

/**
 * How the audience received a beat, as it stands: "👍 3 · :party_parrot: 1" under it (with the script, hidden by
 * "Story only"); '' when nobody reacted. Most-used first, so the tally reads the same in every export.
 */
function reactionsHtml(beat: Beat, state: RoomHistory['state']): string {
  const onBeat =
    state.reactions && Object.hasOwn(state.reactions, beat.id) ? state.reactions[beat.id] : undefined;
  const tally = Object.entries(onBeat ?? {})
    .filter(([, people]) => people.length > 0)
    .sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(
      ([emoji, people]) => `${escapeHtml(EMOJI_NAME.test(emoji) ? `:${emoji}:` : emoji)} ${people.length}`,
    );
  return tally.length > 0 ? `<p class="note meta reactions">${tally.join(' · ')}</p>` : '';
}

/** The room's style as it stands (its notes and sample), which the narrator wrote the later beats in. */
function styleHtml(state: RoomHistory['state']): string {
  const { style } = state;
  if (!style || (!style.notes && !style.sample)) return '';
  const notes = style.notes ? `<p>Notes: ${text(style.notes)}</p>` : '';
  const sample = style.sample ? `<blockquote>${text(style.sample)}</blockquote>` : '';
  return `<h2>The room's style</h2>
<p>Set by <span class="who">${escapeHtml(authorName(style.setBy))}</span> ${time(style.at)}.</p>${notes}${sample}`;
}

/** Which command made an event, as far as the log can tell. */
function commandOf(event: StoryEvent, log: RoomLog): string {
  switch (event.type) {
    case 'story.started':
      return '/scene start';
    case 'settings.changed':
      return '/room settings';
    case 'room.locked':
      return '/room lock';
    case 'room.unlocked':
      return '/room unlock';
    case 'character.added':
      return '/character add';
    case 'character.edited':
      return '/character edit';
    case 'character.removed':
      return '/character remove';
    case 'beat.added': {
      const { beat } = event;
      if (log.rewriteOf.has(beat.id)) return '/scene rewrite';
      if (beat.kind === 'scene') return event.seq === 2 ? '/scene start' : '/scene new';
      if (beat.kind === 'transition') return '/transition';
      if (beat.kind === 'dialogue') return beat.author.kind === 'narrator' ? '/line' : '/say';
      return beat.author.kind === 'narrator' ? '/scene continue' : '/action';
    }
    case 'head.moved':
      return '/scene undo';
    case 'vote.opened':
      return '/vote open';
    case 'vote.cast':
      return '/vote cast';
    case 'vote.extended':
      return '/vote extend';
    case 'vote.closed':
      return event.actor.kind === 'user' ? '/vote close' : `(${event.result.reason})`;
    case 'vote.cancelled':
      return '/vote cancel';
    case 'canon.added':
      return '/canon add';
    case 'canon.removed':
      return '/canon remove';
    case 'generation.cancelled':
      return '/scene cancel';
    case 'room.exported':
      return '/export';
    case 'room.imported':
      return '/scene import';
    case 'scene.pictured':
      return '/scene picture';
    case 'style.set':
      return '/style set';
    case 'style.cleared':
      return '/style clear';
    case 'reaction.added':
    case 'reaction.removed':
      return '/react';
    case 'recap.given':
      return '/recap';
    case 'summary.updated':
    case 'usage.recorded':
      return '(narrator)';
  }
}

function eventBody(
  event: StoryEvent,
  history: RoomHistory,
  log: RoomLog,
  votes: Map<string, VoteRecord>,
): string {
  const { state } = history;
  switch (event.type) {
    case 'story.started':
      return `started ${text(event.story.title)}`;
    case 'settings.changed':
      return `changed settings: ${text(
        Object.entries(event.patch)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => `${k} = ${String(v)}`)
          .join(', '),
      )}`;
    case 'room.locked':
      return 'locked the room';
    case 'room.unlocked':
      return 'unlocked the room';
    case 'character.added':
      return `added the character ${text(event.character.name)}: ${text(event.character.description)}`;
    case 'character.edited':
      return `edited the character ${text(event.name)}: ${text(JSON.stringify(event.patch))}`;
    case 'character.removed':
      return `removed the character ${text(event.name)}`;
    case 'beat.added': {
      const kept = log.onPath.has(event.beat.id);
      const replaced = log.rewriteOf.get(event.beat.id);
      const note = replaced
        ? `<div class="note">replaces ${text(state.beats[replaced]?.text ?? replaced)}</div>`
        : '';
      const body = beatHtml(event.beat, state);
      return `${note}${kept ? body : `<del>${body}</del> <span class="note">${escapeHtml(LABELS.notKept(log.rewritten.has(event.beat.id) ? 'rewritten' : 'undone'))}</span>`}`;
    }
    case 'head.moved':
      return `undid a beat${event.headId ? '' : ' (back to the start)'}`;
    case 'vote.opened':
      return `opened vote ${escapeHtml(event.voteId)}: ${text(event.options.map((o, i) => `${optionLetter(i)}. ${o}`).join(' / '))}`;
    case 'vote.cast':
      return `voted ${escapeHtml(optionLetter(event.option))} in ${escapeHtml(event.voteId)}`;
    case 'vote.extended':
      return `extended vote ${escapeHtml(event.voteId)} to ${time(event.deadline)}`;
    case 'vote.closed': {
      const vote = votes.get(event.voteId);
      return `closed vote ${escapeHtml(event.voteId)}: ${vote ? text(LABELS.voteResult(vote)) : ''}`;
    }
    case 'vote.cancelled':
      return `cancelled vote ${escapeHtml(event.voteId)}`;
    case 'canon.added':
      return `pinned a canon fact: ${text(event.text)}`;
    case 'canon.removed':
      return `removed canon fact ${escapeHtml(event.id)}`;
    case 'summary.updated':
      return `summarized the story so far (${event.beatCount} beats)`;
    case 'usage.recorded':
      return `used ${event.usage.promptTokens + event.usage.completionTokens} tokens (${escapeHtml(event.purpose)})`;
    case 'generation.cancelled':
      return `cancelled the beat ${escapeHtml(authorName(event.requestedBy))} asked for`;
    case 'room.exported':
      return `exported the story (${escapeHtml(event.format)}, ${escapeHtml(event.scope)})`;
    case 'room.imported':
      return `imported ${event.eventCount} events from ${escapeHtml(event.fromRoomId)}`;
    case 'scene.pictured':
      return `drew <a href="#${escapeHtml(event.picture.id)}">storyboard frame ${escapeHtml(event.picture.id)}</a> of ${text(state.scenes[event.picture.sceneId]?.heading ?? event.picture.sceneId)}`;
    case 'style.set':
      return `set the room's style: ${text(event.style.notes ?? '')} ${text(event.style.sample ?? '')}`;
    case 'style.cleared':
      return "cleared the room's style";
    case 'reaction.added':
      return `reacted ${escapeHtml(event.emoji)} to beat ${escapeHtml(event.beatId)}`;
    case 'reaction.removed':
      return `took back ${escapeHtml(event.emoji)} on beat ${escapeHtml(event.beatId)}`;
    case 'recap.given':
      return 'read a recap';
  }
}

function voteTable(vote: VoteRecord): string {
  const tally = LABELS.voteCounts(vote);
  const ballots = vote.ballots
    .map(
      (b) =>
        `<li>${text(b.voter.name)}: ${escapeHtml(optionLetter(b.option))} ${time(b.at)}${b.changes > 0 ? ` (changed ${b.changes}×)` : ''}</li>`,
    )
    .join('');
  return `<section class="vote" id="vote-${escapeHtml(vote.id)}"><h3>${escapeHtml(LABELS.vote)} ${escapeHtml(vote.id)}</h3>
<p>opened by <span class="who">${escapeHtml(authorName(vote.openedBy))}</span> ${time(vote.openedAt)}, deadline ${time(vote.deadline)}${vote.quorum ? `, quorum ${vote.quorum}` : ''}</p>
<ul>${tally.map((line) => `<li>${text(line)}</li>`).join('')}</ul>
<p>Ballots:</p><ul>${ballots || '<li>—</li>'}</ul>
<p>Result: <strong>${text(LABELS.voteResult(vote))}</strong>${vote.endedBy ? ` (${escapeHtml(authorName(vote.endedBy))}, ${time(vote.endedAt ?? '')})` : ''}</p></section>`;
}

const PICTURE_NOT_KEPT = 'Picture no longer kept: a room keeps the bytes of its latest frames only.';
const PICTURE_LEFT_OUT =
  'Picture left out to keep this file small enough to share; newer frames are embedded.';

/** How much base64 of storyboard pictures a transcript embeds by default (under Discord's 10 MiB upload). */
export const HTML_PICTURES_MAX = 6 * 1024 * 1024;

/**
 * The storyboard frames, each with the prompt it was drawn from: the picture inline (a data: URI, which the
 * Content Security Policy's img-src allows) while its bytes are kept, else a note saying it no longer is.
 */
function storyboard(history: RoomHistory, picturesMax: number): string {
  const pictures = history.state.pictures ?? [];
  // The newest frames first, while their base64 fits the budget: the file has to fit an upload.
  const embedded = new Set<string>();
  let used = 0;
  for (const picture of [...pictures].reverse()) {
    const size = history.pictures?.[picture.id]?.base64.length;
    if (size === undefined || used + size > picturesMax) continue;
    embedded.add(picture.id);
    used += size;
  }
  const frames = pictures.map((picture) => {
    const file = history.pictures?.[picture.id];
    const heading = history.state.scenes[picture.sceneId]?.heading ?? picture.sceneId;
    const image =
      file && embedded.has(picture.id)
        ? `<img src="${escapeHtml(`data:${file.mime};base64,${file.base64}`)}" alt="${escapeHtml(picture.prompt)}">`
        : `<p class="note">${escapeHtml(file ? PICTURE_LEFT_OUT : PICTURE_NOT_KEPT)}</p>`;
    return `<figure id="${escapeHtml(picture.id)}">${image}<figcaption><strong>${text(heading)}</strong> (${escapeHtml(picture.name)}, ${picture.size} bytes, ${escapeHtml(picture.model)})<br>${text(picture.prompt)}</figcaption></figure>`;
  });
  return frames.length > 0 ? `<h2>Storyboard</h2>\n<div class="storyboard">${frames.join('\n')}</div>` : '';
}

/** The room's transcript as one HTML file. */
export function toHtml(history: RoomHistory, options: HtmlOptions): string {
  const log = readRoomLog(history);
  const votes = new Map(log.votes.map((vote) => [vote.id, vote]));
  const { state } = history;
  const title = state.story?.title ?? '';
  const script: string[] = [];
  let notKept = 0;
  for (const part of scriptParts(history, options.scope, log)) {
    if (part.type === 'beat') script.push(beatHtml(part.beat, state) + reactionsHtml(part.beat, state));
    else if (part.type === 'vote')
      script.push(
        `<p class="note meta"><a href="#vote-${escapeHtml(part.vote.id)}">${escapeHtml(LABELS.vote)} ${escapeHtml(part.vote.id)}</a>: ${text(LABELS.voteResult(part.vote))}</p>`,
      );
    else if (part.type === 'not-kept-start') {
      notKept += 1;
      script.push(
        `<details class="not-kept"><summary class="note">${escapeHtml(LABELS.notKept(part.reason))}</summary><del>`,
      );
    } else if (notKept > 0) {
      notKept -= 1;
      script.push('</del></details>');
    }
  }
  const events = history.events.map((event) => {
    const story = event.type === 'beat.added' && log.onPath.has(event.beat.id);
    const cls = story ? 'story' : event.type === 'beat.added' ? 'meta not-kept' : 'meta';
    return `<li class="${cls}" data-seq="${event.seq}">${time(event.at)} <span class="who">${escapeHtml(authorName(event.actor))}</span> <span class="cmd">${escapeHtml(commandOf(event, log))}</span> ${eventBody(event, history, log, votes)}</li>`;
  });
  const audit = auditLog(history).map((entry) => {
    const { who, what, subject, details } = describeAudit(entry);
    return `<tr><td>${time(entry.at)}</td><td>${escapeHtml(who)}</td><td>${escapeHtml(what)}</td><td>${subject === undefined ? '' : text(subject)}</td><td>${text(details)}</td></tr>`;
  });
  const hash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'`;
  return `<!doctype html>
<html lang="${escapeHtml(state.story?.language ?? 'en')}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(LABELS.credit)} ${escapeHtml(writers(history).join(', '))}. ${history.events.length} events, from ${time(history.events[0]?.at ?? '')} to ${time(history.events.at(-1)?.at ?? '')}.</p>
<p><label><input type="checkbox" id="story-only"> Story only</label></p></header>
<h2>Script</h2>
<div class="script">${script.join('\n')}</div>
${storyboard(history, options.picturesMax ?? HTML_PICTURES_MAX)}
<div class="meta">
${styleHtml(state)}
<h2>Votes</h2>
${log.votes.map(voteTable).join('\n') || '<p>—</p>'}
<h2>Moderator actions</h2>
<table class="audit"><thead><tr><th>When</th><th>Who</th><th>What</th><th>About</th><th>Details</th></tr></thead><tbody>${audit.join('\n')}</tbody></table>
${options.mapSvg ? `<h2>Story map</h2><div class="map">${options.mapSvg}</div>` : ''}
</div>
<h2>Everything that happened</h2>
<ol class="events">
${events.join('\n')}
</ol>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
