import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';
import { generate } from 'selfsigned';
import type { PushNotice } from '../../shared/push';

/** A device as the push service sees it: its key pair and auth secret, made here as a browser makes them. */
export interface TestDevice {
  /** What the browser's `PushSubscription.toJSON()` gives: pass it to `push.subscribe`. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Every notice delivered to this device, decrypted, in order. */
  received: ReceivedPush[];
  /** Answer the next deliveries with this status (201 by default; 410: the subscription is gone). */
  answer(status: number): void;
}

export interface ReceivedPush {
  notice: PushNotice;
  ttl: number;
  urgency: string | undefined;
  contentEncoding: string | undefined;
  /** The VAPID JWT's claims, once its ES256 signature checked out against `k`. */
  vapid: { aud: string; exp: number; sub: string; publicKey: string };
}

/**
 * A push service of the test's own on 127.0.0.1, over https with a
 * self-signed certificate (the server trusts it through
 * `pushServiceForTests`). It checks each request as a real one would (the
 * VAPID `Authorization` header, aes128gcm) and decrypts the notice with the
 * device's private key, as the browser would.
 */
export async function startPushService(): Promise<{
  ca: string;
  url: string;
  device(name: string): TestDevice;
  /** Every request, also those refused. */
  requests: number;
  /** Resolves once `device` holds `count` notices (or fails after `timeoutMs`). */
  waitFor(device: TestDevice, count: number, timeoutMs?: number): Promise<ReceivedPush[]>;
  close(): Promise<void>;
}> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const devices = new Map<string, { ecdh: ECDH; auth: string; device: TestDevice; status: number }>();
  let requests = 0;
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    requests++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = devices.get(request.url?.slice(1) ?? '');
      if (!entry) return void response.writeHead(404).end();
      if (entry.status !== 201) return void response.writeHead(entry.status).end();
      const plain = decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: entry.ecdh, authSecret: entry.auth });
      entry.device.received.push({
        notice: JSON.parse(plain.toString('utf8')) as PushNotice,
        ttl: Number(request.headers.ttl),
        urgency: request.headers.urgency as string | undefined,
        contentEncoding: request.headers['content-encoding'],
        vapid: checkVapid(request.headers.authorization ?? ''),
      });
      response.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ca: pems.cert,
    url,
    get requests() {
      return requests;
    },
    device(name) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      const endpoint = `${url}/${name}-${randomBytes(6).toString('hex')}`;
      const device: TestDevice = {
        subscription: { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } },
        received: [],
        answer: (status) => {
          entry.status = status;
        },
      };
      const entry = { ecdh, auth, device, status: 201 };
      devices.set(new URL(endpoint).pathname.slice(1), entry);
      return device;
    },
    async waitFor(device, count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (device.received.length < count) {
        if (Date.now() > deadline) throw new Error(`the device got ${device.received.length} notices, not ${count}, within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return device.received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Checks `vapid t=<jwt>, k=<public key>` (RFC 8292): an ES256 JWT signed by the key in `k`; answers its claims. */
function checkVapid(header: string): ReceivedPush['vapid'] {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header);
  if (!match) throw new Error(`not a VAPID Authorization header: ${header}`);
  const [, jwt = '', k = ''] = match;
  const [head = '', claims = '', signature = ''] = jwt.split('.');
  const raw = Buffer.from(k, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') }, format: 'jwk' });
  const signed = verify('sha256', Buffer.from(`${head}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!signed) throw new Error('the VAPID JWT is not signed by the key in k=');
  const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { aud: string; exp: number; sub: string };
  return { ...parsed, publicKey: k };
}
