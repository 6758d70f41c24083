import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { toQueryString } from "@/components/people/query-string";
import { FormError } from "@/components/ui/form-error";
import { requirePagePermission } from "@/lib/auth/session";
import { findAuditLogPage } from "@/lib/data/audit-log";

export const metadata: Metadata = { title: "Audit log" };

type Query = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Query> }) {
  await requirePagePermission("audit:view");
  const query = await searchParams;
  const data = await findAuditLogPage({ query });
  const older = data.nextCursor && toQueryString({ ...data.filters, cursor: data.nextCursor });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <AuditFilters filters={data.filters} actions={data.actions} targetTypes={data.targetTypes} />
      <FormError message={data.error} />
      <AuditTable events={data.events} />
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {query.cursor && (
          <Link href={toQueryString(data.filters)} className="text-indigo-700 underline">
            Newest
          </Link>
        )}
        {older && (
          <Link href={older} className="text-indigo-700 underline">
            Older
          </Link>
        )}
      </nav>
    </div>
  );
}
