import { describe, expect, it } from 'vitest';
import { deviceKindOf, type DeviceSigns } from './device-kind';

const desktop: DeviceSigns = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
  mobile: false,
  touchOnly: false,
  shortSide: 1080,
};

describe('the kind of device a member uses', () => {
  it('is a phone when the browser says mobile, or its user agent names a phone', () => {
    expect(deviceKindOf({ ...desktop, mobile: true })).toBe('phone');
    expect(deviceKindOf({ ...desktop, mobile: undefined, userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148' })).toBe('phone');
    expect(deviceKindOf({ ...desktop, userAgent: 'Mozilla/5.0 (Linux; Android 15; Pixel 9) Chrome/140.0 Mobile Safari/537.36' })).toBe('phone');
  });

  it('is a tablet when its user agent names one, an Android without "Mobile" included', () => {
    expect(deviceKindOf({ ...desktop, userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)' })).toBe('tablet');
    expect(deviceKindOf({ ...desktop, userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-X710) Chrome/140.0 Safari/537.36' })).toBe('tablet');
  });

  it('is judged by its screen when touch is its only pointer, as an iPad presenting itself as a Mac', () => {
    const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
    expect(deviceKindOf({ userAgent: mac, mobile: undefined, touchOnly: true, shortSide: 820 })).toBe('tablet');
    expect(deviceKindOf({ ...desktop, touchOnly: true, shortSide: 390 })).toBe('phone');
  });

  it('is a computer otherwise', () => {
    expect(deviceKindOf(desktop)).toBe('computer');
    expect(deviceKindOf({ ...desktop, mobile: undefined, touchOnly: false, shortSide: 390 })).toBe('computer');
  });
});
