/** Copies a PNG (as an image, for pasting straight into a slide) or SVG text. */
export async function copyPngToClipboard(png: Promise<Blob>): Promise<void> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) throw new Error('This browser cannot copy images to the clipboard; download the PNG instead.');
  // Passing the promise keeps the user's click gesture valid while the image renders.
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
}

export async function copyTextToClipboard(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('This browser cannot copy to the clipboard.');
  await navigator.clipboard.writeText(text);
}
