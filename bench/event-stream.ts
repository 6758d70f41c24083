// Reads a server-sent event stream from a fetch response, each event stamped with the time its bytes
// arrived. Both sides of the dialogue benchmark go through it (the app's turn events and the model
// server's chunks), so the client's own parsing costs them the same.

export type StreamEvent = { event: string; data: string; at: number };

function parseBlock(block: string, at: number): StreamEvent | null {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event:")) event = line.slice(6).trim();
    else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
  }
  // Comments, `retry:` and `id:` alone carry nothing to measure.
  return data.length > 0 ? { event, data: data.join("\n"), at } : null;
}

export async function* readEventStream(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf("\n\n"); end !== -1; end = buffer.indexOf("\n\n")) {
        const event = parseBlock(buffer.slice(0, end), at);
        buffer = buffer.slice(end + 2);
        if (event) yield event;
      }
    }
  } finally {
    // A caller that stops early (an error event) closes the connection instead of leaving it open.
    await reader.cancel().catch(() => undefined);
  }
}
