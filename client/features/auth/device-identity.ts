import { readStored, removeStored, writeStored } from '../../lib/storage';

const DEVICE_KEY = 'honeydo.device';

/**
 * Who last signed in on this device, and the key the server gave it for
 * that person: what "Continue as Sam" signs in with after a sign-out. It
 * outlives the session on purpose; the server keeps only the key's hash.
 */
export interface DeviceIdentity {
  userId: string;
  displayName: string;
  deviceKey: string;
}

const isDeviceIdentity = (value: unknown): value is DeviceIdentity => {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<DeviceIdentity>;
  return typeof v.userId === 'string' && typeof v.displayName === 'string' && typeof v.deviceKey === 'string';
};

export const loadDeviceIdentity = () => readStored(DEVICE_KEY, isDeviceIdentity);
export const saveDeviceIdentity = (identity: DeviceIdentity) => writeStored(DEVICE_KEY, identity);
export const forgetDeviceIdentity = () => removeStored(DEVICE_KEY);
