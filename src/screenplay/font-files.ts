// Font files the PDF and the story map embed, shipped by npm packages (nothing is downloaded at run time):
// Courier Prime for the screenplay page, Noto Sans SC (Noto Sans Hans) for Chinese and the map's labels.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const FONT_FILES = {
  /** Courier Prime 400, Latin (Basic Latin, Latin-1, punctuation). */
  courier: join(
    dirname(require.resolve('@fontsource/courier-prime')),
    'files/courier-prime-latin-400-normal.woff',
  ),
  /** Courier Prime 400, Latin Extended. */
  courierExt: join(
    dirname(require.resolve('@fontsource/courier-prime')),
    'files/courier-prime-latin-ext-400-normal.woff',
  ),
  /** Noto Sans Hans (Simplified Chinese, with Latin), one file with every glyph. */
  cjk: join(dirname(require.resolve('@embedpdf/fonts-sc')), '../fonts/NotoSansHans-Regular.otf'),
} as const;

/** The family name inside FONT_FILES.cjk, for SVG text. */
export const CJK_FAMILY = 'Noto Sans S Chinese Regular';
