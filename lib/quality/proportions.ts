// Intervals and tests for shares: gold accuracy (Wilson) and position bias (the share of "A" against
// one half, by an exact two-sided binomial test).

/** Wilson's score interval for a proportion (95% by default); null without trials. */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): { lower: number; upper: number } | null {
  if (trials <= 0) return null;
  const share = successes / trials;
  const z2 = z * z;
  const centre = (share + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((share * (1 - share)) / trials + z2 / (4 * trials * trials));
  // At the edges the bounds are exactly 0 and 1; the arithmetic alone leaves them a rounding off.
  return { lower: successes === 0 ? 0 : Math.max(0, centre - half), upper: successes === trials ? 1 : Math.min(1, centre + half) };
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

// Exact sums for small n, Stirling's series beyond (error below 1e-10 for n >= 20).
function logFactorial(n: number): number {
  if (n < 20) {
    let sum = 0;
    for (let i = 2; i <= n; i++) sum += Math.log(i);
    return sum;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n ** 3);
}

/**
 * Two-sided exact binomial test of k successes in n against p = 0.5: the probability of an outcome at
 * least as far from n/2 as k. With p = 0.5 the distribution is symmetric, so it is twice one tail.
 */
export function binomialTestHalf(k: number, n: number): number {
  if (n === 0) return 1;
  const extreme = Math.min(k, n - k);
  let tail = 0;
  for (let i = 0; i <= extreme; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  return Math.min(1, 2 * tail);
}
