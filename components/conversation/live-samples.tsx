"use client";

import { useTurnStream, type TurnStreamProps } from "@/components/conversation/use-turn-stream";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { regenerateSampleAction } from "@/lib/actions/conversations";

/**
 * The turn's samples while they are written, side by side in random positions, as plain text (the
 * formatted view comes with the answer form). They appear at the pace of the slowest, so speed says
 * nothing about which model wrote which.
 */
export function LiveSamples(props: TurnStreamProps) {
  const { conversationId, turnId } = props;
  const { samples, connected } = useTurnStream(props);
  const regenerate = useServerAction(regenerateSampleAction);
  const writing = samples.some((sample) => sample.status === "streaming");
  return (
    <section aria-label="Responses being written" aria-busy={writing}>
      <p role="status" className="mb-2 text-sm text-slate-600">
        {!connected ? "Connection lost: reconnecting… (nothing is lost; the responses are written on the server)" : writing ? "The assistant is writing…" : ""}
      </p>
      <div className={`grid gap-4 ${samples.length === 2 ? "md:grid-cols-2" : "md:grid-cols-2 xl:grid-cols-3"}`}>
        {samples.map((sample) => (
          <section key={sample.label} aria-label={`Response ${sample.label}`} className="min-w-0 rounded-lg border-2 border-slate-200 bg-white p-4">
            <h2 className="mb-2 text-sm font-bold text-slate-700">Response {sample.label}</h2>
            {sample.status === "failed" ? (
              <div role="alert" className="space-y-2 text-sm">
                <p className="text-red-800">{sample.failure}</p>
                <Button type="button" disabled={regenerate.pending} onClick={() => void regenerate.run({ conversationId, turnId, label: sample.label })}>
                  Regenerate response {sample.label}
                </Button>
              </div>
            ) : (
              <p data-testid={`live-sample-${sample.label}`} className="inert-text text-sm break-words whitespace-pre-wrap text-slate-900">
                {sample.text}
                {sample.status === "streaming" && <span aria-hidden className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-slate-400 align-middle" />}
              </p>
            )}
          </section>
        ))}
      </div>
      <FormError message={regenerate.error} className="mt-2" />
    </section>
  );
}
