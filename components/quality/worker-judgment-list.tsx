import { choiceLabel } from "@/components/quality/choice-label";
import { DataTable } from "@/components/ui/data-table";
import type { WorkerJudgment } from "@/lib/data/quality/worker-judgments";

export function WorkerJudgmentList({ judgments }: { judgments: WorkerJudgment[] }) {
  return (
    <DataTable columns={["When (UTC)", "Item", "Chose", "Strength", "Others chose", "Reference", "Time", "Rationale"]} cellPadding="p-2">
      {judgments.map((judgment) => {
        const agreesWithReference = judgment.referenceBest === null ? null : judgment.choice === judgment.referenceBest;
        return (
          <tr key={judgment.judgmentId} className="border-t border-slate-100 align-top">
            <td className="p-2 whitespace-nowrap tabular-nums">{judgment.createdAt.slice(0, 16).replace("T", " ")}</td>
            <td className="p-2">{judgment.item}</td>
            <td className="p-2">{choiceLabel(judgment.choice)}</td>
            <td className="p-2 tabular-nums">{judgment.strength ?? "—"}</td>
            <td className="p-2">{judgment.othersChoices.length ? judgment.othersChoices.map(choiceLabel).join(", ") : "—"}</td>
            <td className={`p-2 ${agreesWithReference === false ? "text-amber-800" : ""}`}>
              {judgment.referenceBest === null ? "—" : choiceLabel(judgment.referenceBest)}
            </td>
            <td className="p-2 tabular-nums">{judgment.seconds.toFixed(1)} s</td>
            <td className="max-w-xs p-2 break-words whitespace-pre-wrap">{judgment.rationale ?? ""}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
