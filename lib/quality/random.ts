// Seeded random numbers for bootstrap intervals, so a figure recomputed from an export is the same.

/** mulberry32: small, fast, and the same sequence on every platform for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * A binomial draw: by inversion for small means (exact), by the normal approximation, rounded and
 * clamped, once n·p·(1-p) is large (then the two differ by less than the bootstrap's own noise).
 */
export function binomial(n: number, p: number, random: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const variance = n * p * (1 - p);
  if (variance > 25) return Math.min(n, Math.max(0, Math.round(n * p + Math.sqrt(variance) * normal(random))));
  const q = 1 - p;
  const ratio = p / q;
  let probability = q ** n;
  let cumulative = probability;
  const u = random();
  let k = 0;
  while (u > cumulative && k < n) {
    probability *= (ratio * (n - k)) / (k + 1);
    cumulative += probability;
    k++;
  }
  return k;
}

/** A multinomial draw of n over the weights: the counts of a bootstrap resample of n observations. */
export function multinomial(n: number, weights: number[], random: () => number): number[] {
  const counts = new Array<number>(weights.length).fill(0);
  let left = n;
  let mass = weights.reduce((sum, w) => sum + w, 0);
  for (let i = 0; i < weights.length && left > 0; i++) {
    counts[i] = i === weights.length - 1 ? left : binomial(left, weights[i] / mass, random);
    left -= counts[i];
    mass -= weights[i];
  }
  return counts;
}

/** The q-quantile (0-1) of values, by linear interpolation between order statistics. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}
