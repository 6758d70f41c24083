import Link from "next/link";
import { StartConversationButton } from "@/components/conversation/start-conversation-button";
import type { ConversationView } from "@/lib/data/conversation-view";
import { ratingOptions } from "@/lib/conversation-ratings";

/** After the end: thanks, what was recorded, and the way on. */
export function ConversationEnded({ view }: { view: ConversationView }) {
  const rating = ratingOptions(view.project.redTeam).find((option) => option.value === view.rating);
  return (
    <section aria-label="Conversation ended" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-medium">{view.status === "COMPLETED" ? "Thank you: this conversation is complete." : "This conversation has ended."}</h2>
      <p className="mt-1 text-sm text-slate-600">
        {view.turns.length} turn{view.turns.length === 1 ? "" : "s"} answered{rating ? ` · your rating: ${rating.value} (${rating.label})` : ""}.
      </p>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <Link href="/tasks" className="text-sm text-indigo-700 underline">
          Back to your tasks
        </Link>
        <StartConversationButton projectSlug={view.project.slug} resume={false} autoFocus />
      </div>
    </section>
  );
}
