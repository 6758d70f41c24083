import { describe, expect, it } from "vitest";
import { describeKeySource, describeLimits, describeSampling } from "@/lib/models/endpoint-summary";

const defaults = { temperature: null, topP: null, maxTokens: null, stop: [], seed: null, systemPrompt: null };

describe("endpoint summaries", () => {
  it("say where the key comes from, never what it is", () => {
    expect(describeKeySource({ kind: "env", name: "VLLM_API_KEY" })).toBe("from $VLLM_API_KEY");
    expect(describeKeySource({ kind: "stored" })).toBe("stored (encrypted)");
    expect(describeKeySource({ kind: "none" })).toBe("none");
    expect(describeKeySource({ kind: "builtin" })).toBe("built in");
  });

  it("list the sampling settings that are set, or the server's defaults", () => {
    expect(describeSampling(defaults)).toBe("server defaults");
    expect(describeSampling({ temperature: 0, topP: 0.9, maxTokens: 512, stop: ["a", "b"], seed: 7, systemPrompt: "Be brief." })).toBe(
      "temperature 0 · top-p 0.9 · max 512 tokens · 2 stop sequences · seed 7 · system prompt",
    );
    expect(describeSampling({ ...defaults, stop: ["\n"] })).toBe("1 stop sequence");
    expect(describeLimits({ timeoutSeconds: 60, maxConcurrent: 4 })).toBe("60 s timeout · 4 at once");
  });
});
