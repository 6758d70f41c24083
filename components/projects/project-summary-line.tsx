import Link from "next/link";
import { JUDGMENT_KIND_NAMES } from "@/components/projects/project-form-values";

type Project = {
  slug: string;
  question: string;
  judgmentKind: keyof typeof JUDGMENT_KIND_NAMES;
  judgmentsPerItem: number;
  leaseSeconds: number;
  samplesPerTurn: number;
  redTeam: boolean;
  goldRate: number;
  qualificationPassMark: number | null;
  overlapMax: number | null;
};

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** The quality checks that are on, in a few words each. */
function qualityChecks(project: Project): string[] {
  return [
    ...(project.goldRate > 0 ? [`gold ${percent(project.goldRate)}`] : []),
    ...(project.qualificationPassMark !== null ? [`qualification ${percent(project.qualificationPassMark)}`] : []),
    ...(project.overlapMax !== null ? [`overlap up to ${project.overlapMax}`] : []),
  ];
}

/** The line under a project's name: its kind and how it collects. A conversation has no k or lease to show. */
export function ProjectSummaryLine({ project }: { project: Project }) {
  const collection =
    project.judgmentKind === "DIALOGUE"
      ? [`${project.samplesPerTurn} samples a turn`, ...(project.redTeam ? ["red team"] : [])]
      : [`k = ${project.judgmentsPerItem}`, `lease ${Math.round(project.leaseSeconds / 60)} min`, ...qualityChecks(project)];
  return (
    <p className="text-slate-600">
      {[project.slug, JUDGMENT_KIND_NAMES[project.judgmentKind], ...collection].join(" · ")} · “{project.question}” ·{" "}
      <Link href={`/admin/projects/${project.slug}/settings`} className="text-indigo-700 underline">
        Settings
      </Link>{" "}
      ·{" "}
      <Link href={`/projects/${project.slug}/quality`} className="text-indigo-700 underline">
        Quality
      </Link>
    </p>
  );
}
