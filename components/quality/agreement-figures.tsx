import { DataTable } from "@/components/ui/data-table";
import { formatInterval, formatNumber } from "@/components/quality/format";
import type { ProjectQuality } from "@/lib/data/quality/project-quality";
import type { Figure } from "@/lib/quality/agreement-summary";

/** Krippendorff's threshold for data to be relied on at all (tentative conclusions below 0.800). */
export const RELIABLE_ALPHA = 0.667;

type Row = { name: string; what: string; figure: Figure | null };

function rows({ agreement, rankings }: Pick<ProjectQuality, "agreement" | "rankings">): Row[] {
  const kappa = agreement.fleissKappa;
  return [
    { name: "Percent agreement", what: "pairs of judgments on the same item that chose alike", figure: agreement.percentAgreement },
    { name: "Krippendorff's α, nominal", what: "the choice (which response, a tie, both bad), corrected for chance", figure: agreement.alphaNominal },
    { name: "Krippendorff's α, ordinal", what: "the signed strength of pairs, as ranks", figure: agreement.alphaOrdinal },
    { name: "Krippendorff's α, interval", what: "the signed strength of pairs, as distances", figure: agreement.alphaInterval },
    {
      name: kappa ? `Fleiss' κ (k = ${kappa.k}, ${kappa.items} items)` : "Fleiss' κ",
      what: "the choice, over items judged by the same number of workers",
      figure: kappa,
    },
    {
      name: rankings ? `Kendall's W (${rankings.items} items)` : "Kendall's W",
      what: "rankings of three or more responses, mean over items",
      figure: rankings,
    },
  ];
}

export function AgreementFigures({ quality }: { quality: Pick<ProjectQuality, "agreement" | "rankings"> }) {
  const alpha = quality.agreement.alphaNominal.value;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        {quality.agreement.items} items judged by two or more workers ({quality.agreement.judgments} judgments). Intervals are 95%, by bootstrap over items.
      </p>
      {alpha !== null && alpha < RELIABLE_ALPHA && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          Nominal α is {formatNumber(alpha)}, under {RELIABLE_ALPHA}: below the level at which data is usually relied on.
        </p>
      )}
      <DataTable columns={["Figure", "Value", "95% interval", "Measures"]} cellPadding="p-2">
        {rows(quality).map((row) => (
          <tr key={row.name} className="border-t border-slate-100">
            <th scope="row" className="p-2 font-medium">
              {row.name}
            </th>
            <td className="p-2 tabular-nums" data-testid={`figure-${row.name}`}>
              {formatNumber(row.figure?.value)}
            </td>
            <td className="p-2 tabular-nums">{formatInterval(row.figure?.interval)}</td>
            <td className="p-2 text-slate-600">{row.what}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
