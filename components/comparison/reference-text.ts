/** "A", "A and B": one group of the reference, in the worker's labels. */
const groupText = (group: string[]) => group.join(" and ");

/** The reference preference in words: the better one of a pair, the whole order of a ranking. */
export function referenceText(reference: string[][]): string {
  if (reference.length === 0) return "The reference gives no preference.";
  if (reference.length === 2 && reference.every((group) => group.length === 1)) return `The reference prefers ${reference[0][0]}.`;
  return `The reference ranks them ${reference.map(groupText).join(", then ")} (best first).`;
}
