import type { DeviceKind } from '../../shared/types';

/** What the browser tells about the device it runs on. */
export interface DeviceSigns {
  userAgent: string;
  /** `navigator.userAgentData.mobile`, where the browser has it (Chromium). */
  mobile: boolean | undefined;
  /** A touch screen is the only pointer: no mouse or trackpad. */
  touchOnly: boolean;
  /** The shorter side of the screen, in CSS pixels. */
  shortSide: number;
}

/** Phones' screens are narrower than this on their short side; tablets' are not. */
const TABLET_SHORT_SIDE = 600;

/**
 * A coarse word for the device, for "Sam's phone has it": close enough to
 * tell a member's devices apart, never used to decide anything. iPadOS
 * presents itself as a Mac, so a device whose only pointer is touch is
 * judged by its screen.
 */
export function deviceKindOf({ userAgent, mobile, touchOnly, shortSide }: DeviceSigns): DeviceKind {
  if (/iPad|Tablet/i.test(userAgent) || (/Android/i.test(userAgent) && !/Mobile/i.test(userAgent))) return 'tablet';
  if (mobile === true || /Mobi|iPhone|iPod/i.test(userAgent)) return 'phone';
  if (touchOnly) return shortSide < TABLET_SHORT_SIDE ? 'phone' : 'tablet';
  return 'computer';
}
