import type { Metadata } from "next";
import Link from "next/link";
import { StudySessionTable } from "@/components/studies/study-session-table";
import { requirePagePermission } from "@/lib/auth/session";
import { findStudySessions, STUDY_SESSIONS_SHOWN } from "@/lib/data/study-sessions";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Study sessions" };

export default async function StudySessionsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ search?: string }> }) {
  await requirePagePermission("study:manage");
  const [{ id }, { search }] = await Promise.all([params, searchParams]);
  const { study, search: wanted, sessions } = await orNotFound(findStudySessions({ studyId: id, search }));
  return (
    <div className="space-y-4">
      <Link href="/admin/studies" className="text-sm text-indigo-700 underline">
        All studies
      </Link>
      <h1 className="text-2xl font-semibold">Sessions of {study.name}</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        Platform ids cannot be checked when someone opens the link: approve a submission only if its ids are here, completed. See docs/crowd-platforms.md.
      </p>
      <form method="get" role="search" className="flex flex-wrap items-end gap-3 text-sm">
        <label className="block">
          Find a participant or session id
          <input name="search" type="search" defaultValue={wanted ?? ""} className="mt-1 block w-72 rounded border border-slate-300 px-3 py-2 font-mono" />
        </label>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100">
          Find
        </button>
      </form>
      {sessions.length === STUDY_SESSIONS_SHOWN && (
        <p className="text-sm text-slate-600">The newest {STUDY_SESSIONS_SHOWN} sessions; find an id for older ones.</p>
      )}
      <StudySessionTable platform={study.platform} required={study.requiredJudgments} sessions={sessions} />
    </div>
  );
}
