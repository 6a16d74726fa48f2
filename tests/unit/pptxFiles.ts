/** Reading .pptx files back in tests: slides and their speaker notes as parsed XML. */
import JSZip from 'jszip';
import { JSDOM } from 'jsdom';

const { DOMParser } = new JSDOM('').window;

export interface PptxSlide {
  /** ppt/slides/slideN.xml */
  name: string;
  xml: string;
  doc: Document;
  /** The slide's speaker notes, if it has any. */
  notes?: Document;
}

/** Parses XML strictly: a document that is not well-formed throws. */
export function parseXml(xml: string, name = 'xml'): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`${name} is not well-formed XML: ${error.textContent}`);
  return doc;
}

/** The slides in presentation order (as listed in ppt/presentation.xml). */
export async function readPptx(bytes: Uint8Array): Promise<PptxSlide[]> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string) => {
    const file = zip.file(path);
    if (!file) throw new Error(`missing part ${path}`);
    return file.async('string');
  };
  const presentation = parseXml(await read('ppt/presentation.xml'), 'presentation.xml');
  const presRels = parseXml(await read('ppt/_rels/presentation.xml.rels'), 'presentation.xml.rels');
  const targets = new Map([...presRels.getElementsByTagName('Relationship')].map((r) => [r.getAttribute('Id'), r.getAttribute('Target')]));
  const ids = [...presentation.getElementsByTagName('p:sldId')].map((s) => s.getAttribute('r:id'));
  const slides: PptxSlide[] = [];
  for (const id of ids) {
    const name = `ppt/${targets.get(id)}`;
    const xml = await read(name);
    const rels = parseXml(await read(name.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels')), `${name}.rels`);
    const notesRel = [...rels.getElementsByTagName('Relationship')].find((r) => r.getAttribute('Type')?.endsWith('/notesSlide'));
    const notesPath = notesRel && `ppt/notesSlides/${notesRel.getAttribute('Target')!.split('/').at(-1)}`;
    slides.push({ name, xml, doc: parseXml(xml, name), notes: notesPath ? parseXml(await read(notesPath), notesPath) : undefined });
  }
  return slides;
}

/** Every text run's text, in document order. */
export function textRuns(doc: Document | Element): string[] {
  return [...doc.getElementsByTagName('a:t')].map((t) => t.textContent ?? '');
}

/** Names of the slide's shapes (`<p:sp>`), in drawing order. */
export function shapeNames(doc: Document): string[] {
  return [...doc.getElementsByTagName('p:sp')].map((sp) => sp.getElementsByTagName('p:cNvPr')[0]?.getAttribute('name') ?? '');
}

/** Collapses runs of whitespace, so wrapped text compares with the original. */
export const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
