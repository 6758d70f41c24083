import Link from "next/link";
import { toQueryString } from "@/components/people/query-string";

/** Previous / next links that keep the rest of the query string. */
export function Pager({ page, pageCount, query }: { page: number; pageCount: number; query: Record<string, string | undefined> }) {
  if (pageCount <= 1) return null;
  const href = (target: number) => toQueryString({ ...query, page: String(target) });
  return (
    <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="text-indigo-700 underline">
          Previous
        </Link>
      ) : (
        <span className="text-slate-400">Previous</span>
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className="text-indigo-700 underline">
          Next
        </Link>
      ) : (
        <span className="text-slate-400">Next</span>
      )}
    </nav>
  );
}
