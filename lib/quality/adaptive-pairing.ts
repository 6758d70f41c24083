// The next pair of models to compare where one more comparison narrows the rating intervals most: an
// A-optimal design step on the Bradley-Terry model. The ratings' covariance is about the inverse of the
// Fisher information I = Σ battles·w·(e_a - e_b)(e_a - e_b)ᵀ, w = p(1-p) for the pair's predicted win
// rate p; one more battle of (a, b) lowers the total variance (the trace of I⁻¹) by
// w·|C v|² / (1 + w·vᵀCv) with C = I⁻¹ and v = e_a - e_b (Sherman-Morrison), and the pair with the
// largest drop is chosen. A small ridge stands in for the prior that keeps I invertible.

export type PairState = { a: number; b: number; battles: number };

const RIDGE = 0.01;

function winVariance(strengths: ArrayLike<number>, a: number, b: number): number {
  const win = strengths[a] / (strengths[a] + strengths[b]);
  return win * (1 - win);
}

function information(pairs: PairState[], strengths: ArrayLike<number>): number[][] {
  const n = strengths.length;
  const matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? RIDGE : 0)));
  for (const { a, b, battles } of pairs) {
    const weight = battles * winVariance(strengths, a, b);
    matrix[a][a] += weight;
    matrix[b][b] += weight;
    matrix[a][b] -= weight;
    matrix[b][a] -= weight;
  }
  return matrix;
}

// Gauss-Jordan with partial pivoting: the matrix is small (one row a model).
function inverse(matrix: number[][]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) pivot = row;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const scale = a[col][col];
    for (let k = 0; k < 2 * n; k++) a[col][k] /= scale;
    for (let row = 0; row < n; row++) {
      if (row === col || a[row][col] === 0) continue;
      const factor = a[row][col];
      for (let k = 0; k < 2 * n; k++) a[row][k] -= factor * a[col][k];
    }
  }
  return a.map((row) => row.slice(n));
}

/** How much one more battle of each pair lowers the total variance of the ratings. */
export function narrowingGains(pairs: PairState[], strengths: ArrayLike<number>): number[] {
  const covariance = inverse(information(pairs, strengths));
  return pairs.map(({ a, b }) => {
    const weight = winVariance(strengths, a, b);
    const spread = covariance[a][a] + covariance[b][b] - 2 * covariance[a][b];
    let shift = 0;
    for (let k = 0; k < covariance.length; k++) shift += (covariance[k][a] - covariance[k][b]) ** 2;
    return (weight * shift) / (1 + weight * spread);
  });
}

/** The pair to compare next: the largest drop in variance, ties broken at random. */
export function choosePairToNarrow(pairs: PairState[], strengths: ArrayLike<number>, random: () => number = Math.random): PairState {
  if (pairs.length === 0) throw new Error("no pair to choose from");
  const gains = narrowingGains(pairs, strengths);
  const best = Math.max(...gains);
  const leaders = pairs.filter((_, i) => gains[i] >= best * (1 - 1e-12));
  return leaders[Math.floor(random() * leaders.length)];
}
