/**
 * "Current view" as a PNG: html-to-image photographs the canvas exactly as it is on screen.
 * (Pinned at 1.11.11: later versions drop edges from the capture.) Loaded on demand.
 */
export async function captureView(element: HTMLElement, scale: number, background: string | undefined): Promise<Blob> {
  const { toBlob } = await import('html-to-image');
  await document.fonts.ready;
  const blob = await toBlob(element, {
    pixelRatio: scale,
    backgroundColor: background,
    // The minimap, zoom buttons and legend are controls, not part of the diagram.
    filter: (node) => !(node instanceof HTMLElement && (node.classList.contains('react-flow__minimap') || node.classList.contains('react-flow__controls') || node.classList.contains('react-flow__attribution'))),
  });
  if (!blob) throw new Error('The browser could not capture the current view.');
  return blob;
}
