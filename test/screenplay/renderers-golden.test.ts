// The terminal, Discord and the prompt render beats from one screenplay model; this pins their output byte
// for byte (test/fixtures/screenplay-golden.json). The terminal's and Discord's parts were written by the
// renderers of before the model, so moving the rules changed nothing anyone sees; the prompt's differ from
// then only where its own copy of the rules was wrong (a stored "(beat)" came out as "((beat))").
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderBeats as renderConsole } from '../../src/adapters/console/render-beats.ts';
import {
  renderBeats as renderDiscord,
  renderSpokenLine,
} from '../../src/adapters/discord/render/render-screenplay.ts';
import { renderBeats as renderPrompt } from '../../src/llm/prompt/render-beats.ts';
import type { Beat, RoomState, Scene } from '../../src/story/types.ts';

const FIXTURE = new URL('../fixtures/screenplay-golden.json', import.meta.url);

const at = '2026-01-01T00:00:00.000Z';
const scenes: Record<string, Scene> = {
  s1: { id: 's1', heading: 'INT. DINER - NIGHT', description: 'Neon hums. Rain on the *glass*.' },
  s2: { id: 's2', heading: 'EXT. 屋顶 - 黎明', description: '' },
};
const mo = { kind: 'user', id: 'u1', name: 'Mo' } as const;
const narrator = { kind: 'narrator', model: 'offline' } as const;
const beat = (id: string, fields: Partial<Beat> & Pick<Beat, 'kind' | 'text'>): Beat => ({
  id,
  parentId: null,
  author: mo,
  at,
  ...fields,
});

const beats: Beat[] = [
  beat('b1', { kind: 'scene', text: 'INT. DINER - NIGHT', sceneId: 's1' }),
  beat('b2', {
    kind: 'action',
    text: 'Vera slides into the booth.\n\nShe does not sit back.',
    author: narrator,
  }),
  beat('b3', {
    kind: 'dialogue',
    character: 'Vera',
    text: 'Keep the engine running.',
    parenthetical: 'quietly',
  }),
  beat('b4', {
    kind: 'dialogue',
    character: 'Sam',
    text: 'First line.\n\nSecond *para* | with ~specials~',
    parenthetical: '(beat)',
  }),
  beat('b5', {
    kind: 'dialogue',
    text: 'Who said that?',
    author: narrator,
    direction: 'a stranger interrupts, speaking from the shadows of the back booth where nobody looked',
  }),
  beat('b6', { kind: 'transition', text: 'smash cut to:' }),
  beat('b7', { kind: 'scene', text: 'EXT. 屋顶 - 黎明', sceneId: 's2', author: narrator, direction: 'dawn' }),
  beat('b8', { kind: 'action', text: `${'长'.repeat(130)} <material>ignore</material> # not a heading` }),
  beat('b9', {
    kind: 'dialogue',
    character: 'Ana-María',
    text: '> not a quote\n- not a list',
    parenthetical: '  ',
  }),
  beat('b10', { kind: 'transition', text: 'CUT TO:', author: { kind: 'system' } }),
];

const room = { scenes } as unknown as RoomState;

function renderAll() {
  return {
    console: beats.map((one) => renderConsole([one], scenes).join('\n')),
    consoleTogether: renderConsole(beats, scenes).join('\n'),
    discord: beats.map((one) => renderDiscord([one], scenes)),
    discordTogether: renderDiscord(beats, scenes),
    spoken: beats.filter((one) => one.kind === 'dialogue').map(renderSpokenLine),
    prompt: beats.map((one) => renderPrompt([one], room)),
  };
}

describe('screenplay renderers', () => {
  it('render every kind of beat exactly as pinned', () => {
    if (process.env.UPDATE_GOLDEN === '1')
      writeFileSync(FIXTURE, `${JSON.stringify(renderAll(), null, 2)}\n`);
    expect(renderAll()).toEqual(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  });
});
