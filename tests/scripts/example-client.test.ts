import { expect, it } from 'vitest';
import { run } from '../support/processes';
import { startServer } from '../support/test-server';

it('the README example client signs in, creates a household, subscribes and sees its own item live', async () => {
  await using server = await startServer();
  await using example = run(process.execPath, ['--import', 'tsx', 'scripts/example-client.ts'], { HONEYDO_URL: server.url });
  expect(await example.exited(20_000)).toBe(0);
  expect(example.output()).toMatch(/household "Example household" \(invite code [A-Z2-9]{8}\)/);
  expect(example.output()).toMatch(/event \d+: shopping:item:added/);
  expect(example.output()).toContain('live: 2 milk added to "Shopping"');
});
