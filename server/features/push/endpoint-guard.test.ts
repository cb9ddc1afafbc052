import { describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_SERVICE_HOSTS } from '../../env';
import { endpointProblem, isPrivateAddress } from './endpoint-guard';

const production = { serviceHosts: DEFAULT_PUSH_SERVICE_HOSTS, allowLoopback: false };

describe('push endpoints', () => {
  it('accepts the https endpoints of the browsers’ push services', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://web.push.apple.com/QGa1',
      'https://wns2-par02p.notify.windows.com/w/?token=AQE',
    ]) {
      expect(endpointProblem(endpoint, production), endpoint).toBeNull();
    }
  });

  it('refuses plain http, credentials, unknown hosts and look-alikes of the push services', () => {
    expect(endpointProblem('http://fcm.googleapis.com/fcm/send/x', production)).toMatch(/https/);
    expect(endpointProblem('https://me:pw@fcm.googleapis.com/x', production)).toMatch(/user name or password/);
    expect(endpointProblem('https://evil.example/x', production)).toMatch(/not a known push service/);
    expect(endpointProblem('https://fcm.googleapis.com.evil.example/x', production)).toMatch(/not a known push service/);
    expect(endpointProblem('https://notify.windows.com/x', production)).toMatch(/not a known push service/);
    expect(endpointProblem('not a url', production)).toMatch(/not a URL/);
  });

  it('refuses loopback, private, link-local and mapped addresses, whatever the host list says', () => {
    const anyHost = { serviceHosts: ['127.0.0.1', '10.1.2.3', '169.254.169.254', '::ffff:192.168.1.1', 'fd00::1', '::1'], allowLoopback: false };
    for (const endpoint of ['https://127.0.0.1/x', 'https://10.1.2.3/x', 'https://169.254.169.254/latest', 'https://[::ffff:192.168.1.1]/x', 'https://[fd00::1]/x', 'https://[::1]/x']) {
      expect(endpointProblem(endpoint, anyHost), endpoint).toMatch(/private or loopback/);
    }
  });

  it('tells public addresses from the rest', () => {
    expect(['8.8.8.8', '142.250.0.1', '2a00:1450::1'].map(isPrivateAddress)).toEqual([false, false, false]);
    expect(['127.0.0.1', '172.20.0.1', '192.168.0.1', '100.64.0.1', '0.0.0.0', '::', 'fe80::1', '::ffff:10.0.0.1', 'junk'].map(isPrivateAddress)).toEqual(Array(9).fill(true));
  });
});
