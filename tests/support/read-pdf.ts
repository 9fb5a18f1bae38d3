import path from 'node:path';
import { PDFParse } from 'pdf-parse';

// pdf-parse runs pdf.js, whose worker is an ES module; jest's module system cannot import it
// (it asks for --experimental-vm-modules), so hand pdf.js the worker through Node's own require.
const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = createRequire(__filename)(path.join(path.dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs'));

export interface PdfPage {
  number: number;
  text: string;
  /** In points: A4 is 595.28 x 841.89. */
  width: number;
  height: number;
}

/** The text and size of every page, read by a real PDF library (pdf.js, through pdf-parse). */
export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const info = await parser.getInfo({ parsePageInfo: true });
    const text = await parser.getText();
    return text.pages.map((p) => {
      const size = info.pages.find((x) => x.pageNumber === p.num);
      return { number: p.num, text: p.text, width: size?.width ?? NaN, height: size?.height ?? NaN };
    });
  } finally {
    await parser.destroy();
  }
}
