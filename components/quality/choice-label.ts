// The codes of lib/data/quality/judgment-labels.ts in words: responses are numbered in the item's own order.

export function choiceLabel(code: number): string {
  if (code === -2) return "both bad";
  if (code === -1) return "tie";
  return `response ${code}`;
}
