// Draws the story map (story-map.ts) as SVG, laid out by dagre with scenes as clusters, and as PNG through
// resvg, no system fonts involved. For the PNG the labels are drawn as glyph outlines taken (by fontkit) from
// the shipped Noto Sans SC: resvg re-reads a font file for every text element it lays out (about 45 ms each
// for this 8 MB font), which made a 5,000-beat map take over 10 s; outlines render in a fraction of that.
import dagre, { type Graph } from '@dagrejs/dagre';
import { Resvg } from '@resvg/resvg-js';
import * as fontkit from 'fontkit';
import type { RoomHistory } from '../story/room-history.ts';
import { escapeXml } from './fdx.ts';
import { CJK_FAMILY, FONT_FILES } from './font-files.ts';
import { type MapGraph, type MapNode, storyMapGraph } from './story-map.ts';

const FONT_SIZE = 12;
const LINE = 16;
const PAD = 8;
/** Largest PNG drawn, in pixels (about 16 MB of raw pixels). */
const MAX_PIXELS = 4_000_000;

const textWidth = (text: string) => {
  let units = 0;
  for (const char of text) units += /[\u2E80-\uFFEF\u{20000}-\u{3FFFD}]/u.test(char) ? 1 : 0.6;
  return units * FONT_SIZE;
};

function nodeLines(node: MapNode): string[] {
  const lines = [node.label || '…'];
  if (node.count > 1) lines.push(`+${node.count - 1} beats`);
  if (node.decision) lines.push(`Vote: ${node.decision}`);
  return lines;
}

interface Laid {
  graph: MapGraph;
  layout: Graph;
  width: number;
  height: number;
}

function lay(graph: MapGraph): Laid {
  const layout = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  layout.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 40, marginx: 16, marginy: 16 + LINE });
  layout.setDefaultEdgeLabel(() => ({}));
  for (const scene of graph.scenes)
    layout.setNode(`scene-${scene.id}`, { label: scene.heading, paddingTop: 24 });
  for (const node of graph.nodes) {
    const lines = nodeLines(node);
    layout.setNode(node.id, {
      width: Math.ceil(Math.max(...lines.map(textWidth)) + 2 * PAD),
      height: lines.length * LINE + PAD,
    });
    if (node.sceneId && layout.hasNode(`scene-${node.sceneId}`))
      layout.setParent(node.id, `scene-${node.sceneId}`);
  }
  for (const edge of graph.edges) layout.setEdge(edge.from, edge.to);
  dagre.layout(layout);
  const label = layout.graph();
  return { graph, layout, width: Math.ceil(label.width ?? 100), height: Math.ceil(label.height ?? 100) };
}

type DrawText = (x: number, y: number, text: string, fill: string) => string;

/** Labels as SVG text (for browsers, which have fonts). */
const asText: DrawText = (x, y, text, fill) =>
  `<text x="${x}" y="${y}" fill="${fill}">${escapeXml(text)}</text>`;

/** Labels as glyph outlines from the shipped font, each glyph defined once and used where it appears. */
function outlines(): { draw: DrawText; defs: () => string } {
  const font = fontkit.openSync(FONT_FILES.cjk) as fontkit.Font;
  const scale = FONT_SIZE / font.unitsPerEm;
  const glyphs = new Map<number, string>();
  return {
    draw(x, y, text, fill) {
      // Glyphs by code point, without shaping (labels need no kerning; shaping tables cost memory).
      let advance = 0;
      const uses: string[] = [];
      for (const glyph of font.glyphsForString(text)) {
        if (!glyphs.has(glyph.id)) glyphs.set(glyph.id, glyph.path.toSVG());
        if (glyphs.get(glyph.id)) uses.push(`<use href="#g${glyph.id}" x="${advance}"/>`);
        advance += glyph.advanceWidth;
      }
      return `<g transform="translate(${x} ${y}) scale(${scale} ${-scale})" fill="${fill}">${uses.join('')}</g>`;
    },
    defs: () =>
      `<defs>${[...glyphs].map(([id, d]) => (d ? `<path id="g${id}" d="${d}"/>` : '')).join('')}</defs>`,
  };
}

/** The map as an SVG document (people's text escaped), labels as text. */
export function storyMapSvg(history: RoomHistory): string {
  return drawMap(history, asText).svg;
}

function drawMap(history: RoomHistory, draw: DrawText): { svg: string; width: number; height: number } {
  const { graph, layout, width, height } = lay(storyMapGraph(history));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CJK_FAMILY}, sans-serif" font-size="${FONT_SIZE}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  for (const scene of graph.scenes) {
    const box = layout.node(`scene-${scene.id}`);
    if (!box?.width) continue;
    // The heading sits in a band above the cluster's box (dagre leaves the box to the nodes).
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2 - LINE;
    out.push(
      `<g opacity="${scene.onPath ? 1 : 0.5}"><rect x="${x}" y="${y}" width="${box.width}" height="${box.height + LINE}" rx="6" fill="#f3f4f6" stroke="#d1d5db"/>`,
      `${draw(x + 6, y + 13, scene.heading, '#374151')}</g>`,
    );
  }
  for (const edge of graph.edges) {
    const points = layout.edge(edge.from, edge.to)?.points ?? [];
    const d = points
      .map(
        (p: { x: number; y: number }, i: number) =>
          `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)} ${p.y.toFixed(1)}`,
      )
      .join(' ');
    out.push(
      edge.onPath
        ? `<path d="${d}" fill="none" stroke="#1d4ed8" stroke-width="2.5"/>`
        : `<path d="${d}" fill="none" stroke="#9ca3af" stroke-width="1" stroke-dasharray="4 3"/>`,
    );
  }
  for (const node of graph.nodes) {
    const box = layout.node(node.id);
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    const stroke = node.onPath ? 'stroke="#1d4ed8" stroke-width="2"' : 'stroke="#9ca3af" stroke-width="1"';
    out.push(
      `<g opacity="${node.onPath ? 1 : 0.45}" class="${node.onPath ? 'path' : 'dimmed'}"><rect x="${x}" y="${y}" width="${box.width}" height="${box.height}" rx="4" fill="${node.decision ? '#fef3c7' : '#ffffff'}" ${stroke}/>`,
    );
    nodeLines(node).forEach((line, index) => {
      out.push(draw(x + PAD, y + PAD / 2 + (index + 1) * LINE - 4, line, '#111827'));
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}

/** The map as a PNG, rendered by resvg from glyph outlines of the shipped font (no system fonts). */
export function storyMapPng(history: RoomHistory, options: { maxWidth?: number } = {}): Uint8Array {
  const glyphs = outlines();
  const drawn = drawMap(history, glyphs.draw);
  const svg = drawn.svg.replace(/(<svg[^>]*>)/, `$1${glyphs.defs()}`);
  const { width, height } = drawn;
  // Very large maps are scaled down to a pixel budget: rendering time grows with the pixels.
  const scale = Math.min(1, (options.maxWidth ?? 4000) / width, Math.sqrt(MAX_PIXELS / (width * height)));
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, defaultFontFamily: CJK_FAMILY },
    fitTo: { mode: 'width', value: Math.round(width * scale) },
  });
  return resvg.render().asPng();
}
