/** "?a=1&b=2" from the values that are set; empty filters stay out of shared links. */
export function toQueryString(values: Record<string, string | undefined | null>): string {
  const set = Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return `?${new URLSearchParams(set)}`;
}
