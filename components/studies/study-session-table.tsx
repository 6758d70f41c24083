import { formatTime } from "@/components/people/format-time";
import { DataTable } from "@/components/ui/data-table";
import type { StudySessionRow } from "@/lib/data/study-sessions";
import type { PlatformName } from "@/lib/validations/study";

const ID_NAMES = {
  PROLIFIC: { participant: "PROLIFIC_PID", session: "SESSION_ID" },
  MTURK: { participant: "workerId", session: "assignmentId" },
} as const;

function statusOf(session: StudySessionRow): string {
  if (session.blocked) return "blocked";
  if (session.completedAt) return "completed";
  return session.endedAt ? "ended" : "open";
}

/** One row per session: the ids to find the platform's submission by, and what was done in it. */
export function StudySessionTable({ platform, required, sessions }: { platform: PlatformName; required: number; sessions: StudySessionRow[] }) {
  if (sessions.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">No sessions.</p>;
  const names = ID_NAMES[platform];
  return (
    <DataTable columns={[names.participant, names.session, "Started", "Judgments", "Completed", "Status"]} cellPadding="p-2">
      {sessions.map((session) => (
        <tr key={session.id} className="border-t border-slate-100">
          <td className="p-2 font-mono text-xs">{session.participantId ?? "—"}</td>
          <td className="p-2 font-mono text-xs">{session.externalSessionId}</td>
          <td className="p-2 whitespace-nowrap">{formatTime(session.startedAt)}</td>
          <td className="p-2">
            {session.judgments} of {required}
          </td>
          <td className="p-2 whitespace-nowrap">{formatTime(session.completedAt)}</td>
          <td className="p-2">{statusOf(session)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
