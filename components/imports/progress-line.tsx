/** A labelled progress bar with what it measures spelled out beside it. */
export function ProgressLine({ label, fraction, detail }: { label: string; fraction: number | null; detail?: string }) {
  return (
    <div role="group" aria-label={label} className="space-y-1">
      <progress className="w-full" value={fraction ?? undefined} max={1} aria-label={label} />
      <p className="text-sm text-slate-600">
        {label}
        {fraction !== null ? ` ${Math.floor(fraction * 100)}%` : "…"}
        {detail ? ` · ${detail}` : ""}
      </p>
    </div>
  );
}
