// The story map: a graph of the beat tree laid out by dagre and drawn to PNG by resvg with the shipped fonts.
import { describe, expect, it } from 'vitest';
import { storyMapGraph } from '../../src/screenplay/story-map.ts';
import { storyMapPng, storyMapSvg } from '../../src/screenplay/story-map-svg.ts';
import { makeBigHistory, makeRichHistory } from '../helpers/export-room.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

describe('story map', () => {
  it('groups beats by scene, marks the branch point with its vote, highlights the path and dims the rest', async () => {
    const { history } = await makeRichHistory();
    const graph = storyMapGraph(history);
    expect(graph.scenes.map((scene) => scene.heading)).toEqual(['INT. DINER - NIGHT', 'EXT. 屋顶 - 黎明']);
    const decided = graph.nodes.filter((node) => node.decision);
    expect(decided).toHaveLength(1);
    expect(decided[0]?.decision).toBe('B. Wait for <Sam> (0–3)');
    expect(graph.nodes.filter((node) => !node.onPath).map((node) => node.label)).toEqual([
      'Beat 1 toward Wait for <Sa…',
      'An abandoned line.',
    ]);
    const svg = storyMapSvg(history);
    expect(svg).toContain('Wait for &lt;Sam&gt;');
    expect(svg).not.toContain('<Sam>');
    expect(svg).toContain('class="dimmed"');
  });

  it('collapses long unbranched runs so a 500-beat story stays a small graph', () => {
    const history = makeBigHistory(500, 20, 5);
    const graph = storyMapGraph(history);
    expect(graph.nodes.length).toBeLessThan(40);
    expect(graph.nodes.reduce((sum, node) => sum + node.count, 0)).toBe(505);
    expect(graph.nodes.filter((node) => node.decision).length).toBeGreaterThan(0);
  });

  it('renders a PNG with Chinese labels from the shipped font (no system fonts)', async () => {
    const { history } = await makeRichHistory();
    const png = storyMapPng(history);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png).width).toBeGreaterThan(200);
  });
});
