"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { WorkerSample } from "@/lib/data/conversation-view";

type SamplesEvent = { samples: ({ label: string; append: string; reset: boolean } | { label: string; failed: string })[] };

/** The samples' events applied to what is shown: text appended, a regenerated sample started afresh, a failure. */
export function applySamplesEvent(samples: WorkerSample[], event: SamplesEvent): WorkerSample[] {
  const next = samples.map((sample) => ({ ...sample }));
  for (const change of event.samples) {
    const sample = next.find((candidate) => candidate.label === change.label);
    if (!sample) continue;
    if ("failed" in change) Object.assign(sample, { status: "failed", text: "", failure: change.failed });
    else Object.assign(sample, { status: "streaming", failure: null, text: (change.reset ? "" : sample.text) + change.append });
  }
  return next;
}

/**
 * Follows a turn's samples as they stream (server-sent events, paced on the server to the slowest
 * sample), from where the page's own rendering left off. EventSource reconnects by itself after a
 * lost connection, resuming from the last event's id. When every sample is complete (or the turn is
 * over) the page is rendered again by the server, with the answer form.
 */
export type TurnStreamProps = { conversationId: string; turnId: string; initial: WorkerSample[]; position: string };

export function useTurnStream({ conversationId, turnId, initial, position }: TurnStreamProps) {
  const router = useRouter();
  const [samples, setSamples] = useState(initial);
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    const url = `/api/v1/conversations/${conversationId}/turns/${turnId}/events?lastEventId=${encodeURIComponent(position)}`;
    const source = new EventSource(url);
    const finish = () => {
      source.close();
      router.refresh();
    };
    source.addEventListener("samples", (event) => setSamples((current) => applySamplesEvent(current, JSON.parse((event as MessageEvent).data))));
    source.addEventListener("ready", finish);
    source.addEventListener("over", finish);
    source.addEventListener("open", () => setConnected(true));
    source.onerror = () => setConnected(source.readyState === EventSource.OPEN);
    return () => source.close();
  }, [conversationId, turnId, position, router]);
  return { samples, connected };
}
