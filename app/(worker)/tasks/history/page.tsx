import type { Metadata } from "next";
import Link from "next/link";
import { HistoryList } from "@/components/comparison/history-list";
import { requirePagePermission } from "@/lib/auth/session";
import { findWorkerHistory } from "@/lib/data/worker-history";

export const metadata: Metadata = { title: "Your past answers" };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requirePagePermission("task:work");
  const { entries, hasMore, page } = await findWorkerHistory({ actor, page: (await searchParams).page });
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="mb-4 text-2xl font-semibold">Your past answers</h1>
      <HistoryList entries={entries} />
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {page > 1 ? (
          <Link href={`/tasks/history?page=${page - 1}`} className="text-indigo-700 underline">
            Newer
          </Link>
        ) : (
          <span />
        )}
        {hasMore && (
          <Link href={`/tasks/history?page=${page + 1}`} className="text-indigo-700 underline">
            Older
          </Link>
        )}
      </nav>
    </div>
  );
}
