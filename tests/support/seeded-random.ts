/** A small seeded generator (mulberry32), so a run's choices can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed a replay asks for in the variable `name`, or a fresh random one; a value that is not an integer is refused. */
export function seedFromEnv(name: string): number {
  const given = process.env[name];
  const seed = Number(given ?? Math.floor(Math.random() * 2 ** 31));
  if (!Number.isSafeInteger(seed)) throw new Error(`${name} must be an integer, not ${given}`);
  return seed;
}
