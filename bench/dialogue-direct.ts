// The baseline of the dialogue benchmark: the same model server called straight, with the same
// conversations and concurrency, a raw streaming fetch per sample.
import type { StreamStats, TurnResult } from "./dialogue-load";
import { benchMessage } from "./dialogue-app";
import { readEventStream } from "./event-stream";

type Message = { role: "user" | "assistant"; content: string };

type DirectConversation = { messages: Message[] };

type Chunk = { choices?: { delta?: { content?: string } }[] };

async function streamDirect(url: string, body: object): Promise<StreamStats & { text: string }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok || !response.body) throw new Error(`the model server answered ${response.status}`);
  let stats: StreamStats | undefined;
  let text = "";
  for await (const { data, at } of readEventStream(response.body)) {
    if (data === "[DONE]") break;
    const content = (JSON.parse(data) as Chunk).choices?.[0]?.delta?.content;
    if (!content) continue;
    text += content;
    stats = { chars: (stats?.chars ?? 0) + content.length, firstAt: stats?.firstAt ?? at, lastAt: at };
  }
  if (!stats) throw new Error("the model server's stream had no text");
  return { ...stats, text };
}

/** One model per sample, as the app's endpoints are set up (model id and seed), all on the same server. */
export function directDriver(baseUrl: string, samples: { modelId: string; seed: number }[]) {
  const url = `${baseUrl}/chat/completions`;
  return {
    open: async (): Promise<DirectConversation> => ({ messages: [] }),
    turn: async (conversation: DirectConversation, index: number): Promise<TurnResult> => {
      const messages: Message[] = [...conversation.messages, { role: "user", content: benchMessage(index) }];
      const startedAt = performance.now();
      const streams = await Promise.all(
        samples.map(({ modelId, seed }) => streamDirect(url, { model: modelId, seed, messages, stream: true, stream_options: { include_usage: true } })),
      );
      // The app reveals a turn's text only once every sample has some (pacing to the slowest), so its
      // first token is compared with the slower of the turn's two direct requests.
      const ttftMs = Math.max(...streams.map((stream) => stream.firstAt)) - startedAt;
      conversation.messages = [...messages, { role: "assistant", content: streams[0].text }];
      return { startedAt, ttftMs, streams: streams.map(({ chars, firstAt, lastAt }) => ({ chars, firstAt, lastAt })) };
    },
  };
}
