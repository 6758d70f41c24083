// Figures as the Quality page shows them: a fixed number of decimals, "—" where a figure is undefined.

export function formatNumber(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : value.toFixed(digits);
}

export function formatShare(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${(value * 100).toFixed(0)}%`;
}

export function formatInterval(interval: { lower: number; upper: number } | null | undefined, digits = 3): string {
  return interval ? `${interval.lower.toFixed(digits)} – ${interval.upper.toFixed(digits)}` : "—";
}

/** "80% (62%–91%, n 20)": a share with its 95% Wilson interval and the answers behind it, or "—". */
export function formatAccuracy(accuracy: { value: number; lower: number; upper: number } | null, trials: number): string {
  return accuracy ? `${formatShare(accuracy.value)} (${formatShare(accuracy.lower)}–${formatShare(accuracy.upper)}, n ${trials})` : "—";
}
