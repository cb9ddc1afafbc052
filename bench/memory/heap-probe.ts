/**
 * Loaded into a server under measurement (`--expose-gc --import`): asked over
 * IPC, it collects garbage twice and answers with the heap and RSS.
 */
const collect = (globalThis as { gc?: () => void }).gc;
process.on('message', (message) => {
  if (message !== 'measure' || !collect) return;
  collect();
  collect();
  const { heapUsed, rss } = process.memoryUsage();
  process.send?.({ heapUsed, rss });
});
