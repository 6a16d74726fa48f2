import type { Box } from '../../layout/types';

export interface Camera {
  scale: number;
  x: number;
  y: number;
}

/**
 * Where to put the picture so the focus box sits in the middle of the screen. The overview fits
 * the whole picture; a stage is shown larger but never so close that its neighbours vanish.
 */
export function cameraFor(picture: { width: number; height: number }, screen: { width: number; height: number }, focus: Box | null): Camera {
  const fit = Math.min(screen.width / picture.width, screen.height / picture.height) * 0.94;
  if (!focus) {
    return { scale: fit, x: (screen.width - picture.width * fit) / 2, y: (screen.height - picture.height * fit) / 2 };
  }
  const scale = Math.max(fit, Math.min(screen.width / (focus.width * 5.5), screen.height / (focus.height * 5), 1.5));
  const cx = focus.x + focus.width / 2;
  const cy = focus.y + focus.height / 2;
  return { scale, x: screen.width / 2 - cx * scale, y: screen.height / 2 - cy * scale };
}
