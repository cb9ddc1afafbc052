import { Agent, request } from 'node:http';

/**
 * HTTP POSTs of `{ listId, name }` with the member's bearer token, over
 * keep-alive connections. Resolves true when the server acknowledged (2xx).
 */
export function createMutationSender(port: number, path: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return (token: string, listId: string, name: string): Promise<boolean> =>
    new Promise((resolve) => {
      const body = JSON.stringify({ listId, name });
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.once('end', () => resolve((res.statusCode ?? 500) < 300));
          res.once('error', () => resolve(false));
        },
      );
      req.once('error', () => resolve(false));
      req.end(body);
    });
}
