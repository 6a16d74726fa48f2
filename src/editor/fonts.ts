/**
 * Loads the bundled Arimo faces (metric-compatible with Arial) that the text measurements are
 * based on. The same TTF files are used by the headless renderer, so wrapping matches.
 */
import regularUrl from '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf?url';
import boldUrl from '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf?url';

let loading: Promise<void> | null = null;

export function loadFonts(): Promise<void> {
  if (typeof FontFace === 'undefined' || typeof document === 'undefined') return Promise.resolve();
  loading ??= Promise.all(
    [
      [regularUrl, '400'],
      [boldUrl, '700'],
    ].map(async ([url, weight]) => {
      const face = new FontFace('Arimo', `url(${url})`, { weight, style: 'normal' });
      document.fonts.add(face);
      await face.load();
    }),
  ).then(() => undefined);
  return loading;
}
