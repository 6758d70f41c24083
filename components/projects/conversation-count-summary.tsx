import type { ConversationCounts } from "@/lib/data/conversation-counts";
import { StatGrid } from "@/components/ui/stat-grid";

/** A live-conversation project's numbers, as a description list so they read in order. */
export function ConversationCountSummary({ counts }: { counts: ConversationCounts }) {
  const stats = [
    ["Active conversations", counts.active],
    ["Completed", counts.completed],
    ["Abandoned", counts.abandoned],
    ["Answered turns", counts.answeredTurns],
  ] as const;
  return <StatGrid stats={stats} columns="sm:grid-cols-4" />;
}
