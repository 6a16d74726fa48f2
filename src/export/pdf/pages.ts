/** PDF page choices, in a module of their own so the CLI can check them without loading jsPDF. */
export const PDF_PAGES = ['fit', 'a4', 'letter'] as const;
export type PdfPage = (typeof PDF_PAGES)[number];
