import type { DeviceKind } from '../../shared/types';
import { deviceKindOf } from './device-kind';
import { readStored, writeStored } from './storage';

const DEVICE_ID_KEY = 'honeydo.deviceId';

export interface ThisDevice {
  deviceId: string;
  device: DeviceKind;
}

/** Chromium's `navigator.userAgentData`, which TypeScript's DOM types do not have yet. */
interface WithUserAgentData {
  userAgentData?: { mobile: boolean };
}

let known: ThisDevice | null = null;

/**
 * This browser profile, as other members' apps name it ("Sam's phone"). The
 * id is random and outlives sign-outs: it tells one device from another and
 * says nothing about the person; a private window without storage gets a new
 * one per visit.
 */
export function thisDevice(): ThisDevice {
  known ??= {
    deviceId: storedDeviceId(),
    device: deviceKindOf({
      userAgent: navigator.userAgent,
      mobile: (navigator as Navigator & WithUserAgentData).userAgentData?.mobile,
      touchOnly: matchMedia('(pointer: coarse)').matches && !matchMedia('(any-pointer: fine)').matches,
      shortSide: Math.min(screen.width, screen.height),
    }),
  };
  return known;
}

function storedDeviceId(): string {
  const stored = readStored(DEVICE_ID_KEY, (value): value is string => typeof value === 'string');
  if (stored) return stored;
  const deviceId = crypto.randomUUID();
  writeStored(DEVICE_ID_KEY, deviceId);
  return deviceId;
}
