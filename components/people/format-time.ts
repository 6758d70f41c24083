/** "2026-11-27 04:26 UTC": the same on server and client, whatever the browser's zone. */
export function formatTime(date: Date | string | null): string {
  if (!date) return "—";
  return `${new Date(date).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
