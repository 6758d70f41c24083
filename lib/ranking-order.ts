// A ranking being built on the task page: the labels best first, and which of them share the rank
// of the one before (ties). Pure, so the keyboard, the buttons and drag all move it the same way.

export type RankingOrder = { order: string[]; tied: string[] };

export function initialOrder(labels: string[]): RankingOrder {
  return { order: [...labels], tied: [] };
}

/** [["C"], ["A", "B"], ["D"]] */
export function toGroups({ order, tied }: RankingOrder): string[][] {
  const groups: string[][] = [];
  order.forEach((label, index) => {
    if (index > 0 && tied.includes(label)) groups[groups.length - 1].push(label);
    else groups.push([label]);
  });
  return groups;
}

export function fromGroups(groups: string[][]): RankingOrder {
  return { order: groups.flat(), tied: groups.flatMap((group) => group.slice(1)) };
}

/** The 1-based rank of each label: tied labels share one. */
export function ranksOf(ranking: RankingOrder): Record<string, number> {
  const ranks: Record<string, number> = {};
  toGroups(ranking).forEach((group, index) => group.forEach((label) => (ranks[label] = index + 1)));
  return ranks;
}

/** Moves a label to a place (1-based, clamped); moving a label breaks its tie. */
export function placeAt(ranking: RankingOrder, label: string, place: number): RankingOrder {
  const rest = ranking.order.filter((other) => other !== label);
  const index = Math.max(0, Math.min(rest.length, place - 1));
  return { order: [...rest.slice(0, index), label, ...rest.slice(index)], tied: ranking.tied.filter((other) => other !== label) };
}

export function moveBy(ranking: RankingOrder, label: string, step: -1 | 1): RankingOrder {
  const index = ranking.order.indexOf(label);
  const target = index + step;
  if (index < 0 || target < 0 || target >= ranking.order.length) return ranking;
  const neighbour = ranking.order[target];
  const order = [...ranking.order];
  [order[index], order[target]] = [order[target], order[index]];
  return { order, tied: ranking.tied.filter((other) => other !== label && other !== neighbour) };
}

/** Ties a label with the one above it, or unties it. The first label has no one above. */
export function toggleTie(ranking: RankingOrder, label: string): RankingOrder {
  if (ranking.order.indexOf(label) <= 0) return ranking;
  const tied = ranking.tied.includes(label) ? ranking.tied.filter((other) => other !== label) : [...ranking.tied, label];
  return { ...ranking, tied };
}
