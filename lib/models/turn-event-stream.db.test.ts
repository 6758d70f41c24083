import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { sendMessage } from "@/lib/data/conversation-turns";
import { startConversation } from "@/lib/data/conversations";
import { turnEventStream } from "@/lib/models/turn-event-stream";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";
import { createDialogueSetup, settledSamples } from "@/lib/testing/dialogue-fixture";

let server: FakeOpenAiServer;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});

afterAll(async () => {
  await server.close();
});

type StreamEvent = { id: string | null; event: string; data: string; raw: string };

/** Reads a whole SSE stream, parsed as EventSource would (a hand parser, not the server's own code). */
async function readEvents(stream: ReadableStream<Uint8Array>, { stopAfter }: { stopAfter?: number } = {}): Promise<StreamEvent[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: StreamEvent[] = [];
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const raw = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        raw
          .split("\n")
          .find((line) => line.startsWith(`${name}: `))
          ?.slice(name.length + 2) ?? null;
      if (field("data") !== null) events.push({ id: field("id"), event: field("event") ?? "message", data: field("data")!, raw });
    }
    if (stopAfter !== undefined && events.filter((event) => event.event === "samples").length >= stopAfter) {
      await reader.cancel();
      break;
    }
  }
  return events;
}

/** Applies samples events to texts per label, recording the texts after each event. */
function replay(events: StreamEvent[], start: Record<string, string> = {}) {
  const texts: Record<string, string> = { ...start };
  const snapshots: Record<string, string>[] = [];
  for (const event of events.filter((e) => e.event === "samples")) {
    for (const sample of JSON.parse(event.data).samples as { label: string; append?: string; reset?: boolean }[]) {
      texts[sample.label] = (sample.reset ? "" : (texts[sample.label] ?? "")) + (sample.append ?? "");
    }
    snapshots.push({ ...texts });
  }
  return { texts, snapshots };
}

async function liveTurn(models: string[]) {
  const setup = await createDialogueSetup(server, { models });
  const { conversationId } = await startConversation({ actor: setup.worker, projectSlug: setup.project.slug, input: {} });
  const sent = await sendMessage({ actor: setup.worker, conversationId, input: { content: "Explain pacing.", idempotencyKey: `send-${Math.random()}` } });
  return { ...setup, turnId: sent.turnId };
}

describe("a turn's event stream", () => {
  it("reveals both samples at the pace of the slower one, with labels and text only, and ends when the turn is ready", async () => {
    const { turnId, endpoints } = await liveTurn(["slow:delay=15,chunk=3,length=240", "ok:chunk=40,length=400"]);
    const events = await readEvents(turnEventStream({ turnId, lastEventId: null, signal: new AbortController().signal }));
    expect(events.at(-1)!.event).toBe("ready");
    const samples = await settledSamples(turnId);
    const finals = Object.fromEntries(samples.map((sample) => [String.fromCharCode(65 + sample.label), sample.text]));
    const { texts, snapshots } = replay(events);
    expect(texts).toEqual(finals);
    // Until the end, no label shows more than the other unless it has shown all it has.
    for (const snapshot of snapshots.slice(0, -1)) {
      const [a, b] = [Array.from(snapshot.A ?? "").length, Array.from(snapshot.B ?? "").length];
      if (a !== b) expect(a < b ? snapshot.A : snapshot.B).toBe(a < b ? finals.A : finals.B);
    }
    expect(snapshots.length).toBeGreaterThan(5);
    const wire = events.map((event) => event.raw).join("\n");
    for (const secret of ["chatcmpl", "fp_", "system_fingerprint", "model", ...endpoints.map((e) => e.name), ...endpoints.map((e) => e.modelId)]) {
      expect(wire).not.toContain(secret);
    }
  });

  it("resumes from Last-Event-ID exactly where a dropped connection stopped", async () => {
    const { turnId } = await liveTurn(["slow:delay=10,chunk=5,length=200", "slow:delay=12,chunk=4,length=200"]);
    const first = await readEvents(turnEventStream({ turnId, lastEventId: null, signal: new AbortController().signal }), { stopAfter: 3 });
    const lastId = first.filter((event) => event.id).at(-1)!.id;
    const rest = await readEvents(turnEventStream({ turnId, lastEventId: lastId, signal: new AbortController().signal }));
    const { texts } = replay(rest, replay(first).texts);
    const samples = await settledSamples(turnId);
    expect(texts).toEqual(Object.fromEntries(samples.map((sample) => [String.fromCharCode(65 + sample.label), sample.text])));
  });

  it("tells a failure once, with a plain sentence, and lets the other sample go on alone", async () => {
    const { turnId } = await liveTurn(["cutoff:after=20", "slow:delay=5,length=150"]);
    const samples = await settledSamples(turnId);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const settled = await readEvents(turnEventStream({ turnId, lastEventId: null, signal: controller.signal }));
    const failures = settled.flatMap((event) => (event.event === "samples" ? JSON.parse(event.data).samples.filter((s: { failed?: string }) => s.failed) : []));
    expect(failures).toEqual([
      { label: String.fromCharCode(65 + samples.find((s) => s.status === "FAILED")!.label), failed: "The model's answer was cut off. You can regenerate it." },
    ]);
    const complete = samples.find((s) => s.status === "COMPLETE")!;
    expect(replay(settled).texts[String.fromCharCode(65 + complete.label)]).toBe(complete.text);
    expect(await db().conversationTurn.findUniqueOrThrow({ where: { id: turnId } })).toMatchObject({ itemId: null });
  });
});
