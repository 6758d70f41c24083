// Figures, printed one a line as "name: value unit" so runs can be compared and parsed.

export function percentile(sortedValues: number[], fraction: number): number {
  if (sortedValues.length === 0) return NaN;
  const index = Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)];
}

export function latencyFigures(name: string, samplesMs: number[]): [string, number, string][] {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return [
    [`${name} p50`, percentile(sorted, 0.5), "ms"],
    [`${name} p99`, percentile(sorted, 0.99), "ms"],
  ];
}

export function printFigure(name: string, value: number, unit = "") {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  console.log(`${name}: ${value.toFixed(digits)}${unit ? ` ${unit}` : ""}`);
}
