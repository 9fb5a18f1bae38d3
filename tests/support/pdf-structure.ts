import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';

/**
 * What a screen reader finds in a PDF, read with a PDF library (pdf-lib) from the file's own
 * objects: whether it is tagged, its language, its structure tree in reading order (each
 * element's role, alternative text and page), its tables' rows by page, and its fonts.
 */
export interface StructureElement {
  role: string;
  alt: string | null;
  /** The page (1-based) its first content is on; null for a grouping element with none of its own. */
  page: number | null;
  children: StructureElement[];
}

export interface PdfStructure {
  marked: boolean;
  lang: string | null;
  root: StructureElement[];
  fonts: Array<{ name: string; embedded: boolean }>;
}

export async function readPdfStructure(bytes: Uint8Array): Promise<PdfStructure> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const { context, catalog } = pdf;
  const look = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? context.lookup(o) : o);
  const pageRefs = pdf.getPages().map((p) => p.ref.toString());
  const text = (o: PDFObject | undefined) => {
    const v = look(o);
    return v && 'decodeText' in v ? (v as unknown as { decodeText(): string }).decodeText() : null;
  };

  const element = (dict: PDFDict): StructureElement => {
    const pg = dict.get(PDFName.of('Pg'));
    const children: StructureElement[] = [];
    const visit = (k: PDFObject | undefined) => {
      const v = look(k);
      if (v instanceof PDFArray) v.asArray().forEach(visit);
      else if (v instanceof PDFDict && v.get(PDFName.of('S'))) children.push(element(v));
    };
    visit(dict.get(PDFName.of('K')));
    const own = pg ? pageRefs.indexOf(pg.toString()) + 1 : null;
    return {
      role: dict.get(PDFName.of('S'))!.toString().replace(/^\//, ''),
      alt: text(dict.get(PDFName.of('Alt'))),
      page: own || (children.find((c) => c.page !== null)?.page ?? null),
      children,
    };
  };
  const treeRoot = look(catalog.get(PDFName.of('StructTreeRoot')));
  const root: StructureElement[] = [];
  if (treeRoot instanceof PDFDict) {
    const kids = look(treeRoot.get(PDFName.of('K')));
    for (const k of kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : []) {
      const v = look(k);
      if (v instanceof PDFDict) root.push(element(v));
    }
  }

  const fonts = new Map<string, boolean>();
  for (const page of pdf.getPages()) {
    const resources = look(page.node.get(PDFName.of('Resources')));
    const fontDict = resources instanceof PDFDict ? look(resources.get(PDFName.of('Font'))) : undefined;
    if (!(fontDict instanceof PDFDict)) continue;
    for (const ref of fontDict.values()) {
      const font = look(ref) as PDFDict;
      const descendants = look(font.get(PDFName.of('DescendantFonts')));
      const described = descendants instanceof PDFArray ? (look(descendants.get(0)) as PDFDict) : font;
      const descriptor = look(described.get(PDFName.of('FontDescriptor')));
      const embedded = descriptor instanceof PDFDict && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor.has(PDFName.of(k)));
      fonts.set(font.get(PDFName.of('BaseFont'))!.toString().replace(/^\//, ''), embedded);
    }
  }
  const markInfo = look(catalog.get(PDFName.of('MarkInfo')));
  return {
    marked: markInfo instanceof PDFDict && markInfo.get(PDFName.of('Marked'))?.toString() === 'true',
    lang: text(catalog.get(PDFName.of('Lang'))),
    root,
    fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })),
  };
}

/** Every element of the tree, in reading order. */
export function allElements(elements: readonly StructureElement[]): StructureElement[] {
  return elements.flatMap((e) => [e, ...allElements(e.children)]);
}
