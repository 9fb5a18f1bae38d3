/**
 * The PDF uses the standard Helvetica (no font file to ship), whose encoding is WinAnsi: a
 * character outside it would print as silent garbage. Accents are kept where WinAnsi has the
 * letter, dropped where it has not (Ł -> L, ź -> z), and anything else becomes '?'.
 */
const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const ARROWS: Record<string, string> = { '→': '->', '←': '<-', '≤': '<=', '≥': '>=', 'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd' };

const isWinAnsi = (ch: string) => {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(ch) || ch === '\n';
};

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isWinAnsi(ch)) out += ch;
    else if (ARROWS[ch]) out += ARROWS[ch];
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += [...base].every(isWinAnsi) && base.length > 0 ? base : '?';
    }
  }
  return out;
}
