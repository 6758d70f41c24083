// Tests that count "this hour" or "today" (UTC, as the app does) would see two periods if the clock
// turned while they ran. Rather than retry, they start far enough inside a period to end in it.

const PERIOD_MS = { hour: 3_600_000, day: 86_400_000 } as const;

export function msLeftInPeriod(unit: keyof typeof PERIOD_MS, now = Date.now()): number {
  // UTC hours and days both start on whole multiples of their length since the epoch.
  return PERIOD_MS[unit] - (now % PERIOD_MS[unit]);
}

/** Waits for the next UTC hour or day when fewer than `needMs` are left of this one. */
export async function startInsidePeriod(unit: keyof typeof PERIOD_MS, needMs = 60_000): Promise<void> {
  const left = msLeftInPeriod(unit);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}
