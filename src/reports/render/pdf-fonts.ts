import path from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The fonts the PDF embeds (subset to the glyphs used): DejaVu Sans, whose glyphs cover Latin with
 * every accent, Greek, Cyrillic, and the punctuation and symbols a register holds (dashes,
 * quotes, arrows, £ and €). Shipped by the dejavu-fonts-ttf package, so a paper looks the same on
 * every machine and nothing is fetched.
 */
const DIR = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONT_FILES = {
  regular: path.join(DIR, 'DejaVuSans.ttf'),
  bold: path.join(DIR, 'DejaVuSans-Bold.ttf'),
  italic: path.join(DIR, 'DejaVuSans-Oblique.ttf'),
} as const;

let font: fontkit.Font | undefined;

/**
 * The text as the PDF can print it: a character the font has no glyph for (a CJK ideograph, an
 * emoji) would print as an empty box, so it becomes U+FFFD, the replacement character, which
 * says plainly that something was there. Line breaks and tabs stay.
 */
export function printable(text: string): string {
  font ??= fontkit.openSync(FONT_FILES.regular) as fontkit.Font;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x20 || font.hasGlyphForCodePoint(cp) ? ch : '\uFFFD';
  }
  return out;
}
