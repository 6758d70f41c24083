import Link from "next/link";
import { CloseStudyButton } from "@/components/studies/close-study-button";
import { StudyPlacesForm } from "@/components/studies/study-places-form";
import { studyEntryUrl } from "@/components/studies/study-entry-url";
import type { PlatformName } from "@/lib/validations/study";

export type StudyListEntry = {
  id: string;
  platform: PlatformName;
  name: string;
  requiredJudgments: number;
  completionCode: string | null;
  maxParticipants: number;
  closedAt: Date | null;
  project: { name: string };
  participants: number;
  sessionsStarted: number;
  sessionsCompleted: number;
};

const PLATFORM_NAMES = { PROLIFIC: "Prolific", MTURK: "MTurk" } as const;

export function StudyList({ studies, origin }: { studies: StudyListEntry[]; origin: string }) {
  if (studies.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No studies yet.</p>;
  return (
    <ul className="space-y-3">
      {studies.map((study) => (
        <li key={study.id} aria-label={study.name} className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <div>
              <p className="font-medium">
                {study.name}{" "}
                <span className="text-sm text-slate-500">
                  · {PLATFORM_NAMES[study.platform]} · {study.project.name}
                </span>
              </p>
              <p className="text-sm text-slate-600">
                {study.requiredJudgments} judgments each · {study.participants} of {study.maxParticipants} places taken · {study.sessionsStarted} sessions
                started · {study.sessionsCompleted} completed
                {study.completionCode && (
                  <>
                    {" "}
                    · code <span className="font-mono">{study.completionCode}</span>
                  </>
                )}
                {study.closedAt && <> · closed {study.closedAt.toISOString().slice(0, 10)}</>} ·{" "}
                <Link href={`/admin/studies/${study.id}`} className="text-indigo-700 underline" aria-label={`Sessions of ${study.name}`}>
                  sessions
                </Link>
              </p>
            </div>
            {!study.closedAt && <CloseStudyButton studyId={study.id} name={study.name} />}
          </div>
          {!study.closedAt && <StudyPlacesForm studyId={study.id} name={study.name} maxParticipants={study.maxParticipants} />}
          <label className="mt-2 block text-xs text-slate-500">
            {study.platform === "MTURK" ? "ExternalQuestion URL" : "Study URL for Prolific"}
            <input
              readOnly
              value={studyEntryUrl({ origin, studyId: study.id, platform: study.platform })}
              className="mt-1 w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs text-slate-800"
            />
          </label>
        </li>
      ))}
    </ul>
  );
}
