// How check figures read in messages to workers and admins.

/** 0.7 -> "70%". */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
