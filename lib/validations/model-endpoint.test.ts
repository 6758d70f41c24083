import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/lib/formats/zod-issues";
import { createEndpointSchema, endpointInputFromForm, stopListFromText, stopListToText, updateEndpointSchema } from "@/lib/validations/model-endpoint";

const minimal = { name: " llama3 ", baseUrl: "http://localhost:11434/v1/", modelId: "llama3.1:8b" };

function problems(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];
}

describe("the model endpoint schemas", () => {
  it("trims the name, drops the address's trailing slash and fills in the limits", () => {
    expect(createEndpointSchema.parse(minimal)).toEqual({
      name: "llama3",
      baseUrl: "http://localhost:11434/v1",
      modelId: "llama3.1:8b",
      timeoutSeconds: 60,
      maxConcurrent: 4,
    });
  });

  it("refuses unknown fields, in creates and updates alike", () => {
    const created = createEndpointSchema.safeParse({ ...minimal, apiKeyEncrypted: "v1:x" });
    expect(fieldErrorsFromZod(created.error!, createEndpointSchema)).toEqual([{ field: "apiKeyEncrypted", message: "unknown field" }]);
    const updated = updateEndpointSchema.safeParse({ builtin: true, modelID: "x" });
    expect(fieldErrorsFromZod(updated.error!, updateEndpointSchema)).toEqual([
      { field: "builtin", message: "unknown field" },
      { field: "modelID", message: "unknown field; did you mean modelId?" },
    ]);
  });

  it.each([
    ["ftp://host/v1", "use an http:// or https:// address"],
    ["not a url", "use an http:// or https:// address"],
    ["https://user:secret@api.example.com/v1", "put no user name or password in the address"],
    ["https://api.example.com/v1?key=1", "without a query"],
  ])("refuses the address %s", (baseUrl, message) => {
    expect(problems(createEndpointSchema.safeParse({ ...minimal, baseUrl })).join()).toContain(message);
  });

  it.each(["AUTH_SECRET", "DATABASE_URL", "openai_api_key", "API_KEY", "MY_API_KEY_2"])("refuses %s as the key's variable, saying why", (apiKeyEnv) => {
    const [message] = problems(createEndpointSchema.safeParse({ ...minimal, apiKeyEnv }));
    expect(message).toMatch(/^apiKeyEnv: name an environment variable ending in _API_KEY/);
    expect(message).toContain("never send the app's own secrets (AUTH_SECRET, DATABASE_URL)");
  });

  it("takes a key or its variable, not both, and an empty key keeps the stored one", () => {
    expect(createEndpointSchema.parse({ ...minimal, apiKeyEnv: "VLLM_API_KEY" }).apiKeyEnv).toBe("VLLM_API_KEY");
    expect(problems(createEndpointSchema.safeParse({ ...minimal, apiKey: "sk-1", apiKeyEnv: "OPENAI_API_KEY" }))).toEqual([
      "apiKeyEnv: give either an API key or the variable that holds it, not both",
    ]);
    expect(problems(updateEndpointSchema.safeParse({ apiKey: "sk-1", clearApiKey: true }))).toEqual([
      "clearApiKey: either remove the key or give a new one, not both",
    ]);
    expect(updateEndpointSchema.parse({ apiKey: "", apiKeyEnv: "" })).toEqual({});
    expect(problems(updateEndpointSchema.safeParse({ apiKey: "sk 1" }))[0]).toContain("no spaces");
  });

  it("checks the sampling settings' ranges and leaves out what an update does not give", () => {
    const bad = { temperature: 2.5, topP: -0.1, maxTokens: 40_000, stop: ["a", "b", "c", "d", "e"], seed: 1.5, timeoutSeconds: 0, maxConcurrent: 300 };
    expect(problems(updateEndpointSchema.safeParse(bad)).map((p) => p.split(":")[0])).toEqual([
      "temperature",
      "topP",
      "maxTokens",
      "stop",
      "seed",
      "timeoutSeconds",
      "maxConcurrent",
    ]);
    expect(problems(updateEndpointSchema.safeParse({ systemPrompt: "x".repeat(20_001) }))).toEqual(["systemPrompt: at most 20000 characters"]);
    expect(updateEndpointSchema.parse({ temperature: null, stop: [] })).toEqual({ temperature: null, stop: [] });
  });
});

describe("the endpoint form", () => {
  it("turns empty numbers into the server's default and keeps the key when its fields are empty", () => {
    const form = new FormData();
    for (const [name, value] of Object.entries({
      ...minimal,
      apiKey: "",
      apiKeyEnv: "",
      temperature: "0.7",
      topP: "",
      maxTokens: "",
      seed: " ",
      systemPrompt: "",
    }))
      form.set(name, value);
    form.set("stop", "###\n\\n\\n\n");
    form.set("timeoutSeconds", "30");
    form.set("maxConcurrent", "2");
    expect(updateEndpointSchema.parse(endpointInputFromForm(form))).toEqual({
      name: "llama3",
      baseUrl: "http://localhost:11434/v1",
      modelId: "llama3.1:8b",
      temperature: 0.7,
      topP: null,
      maxTokens: null,
      seed: null,
      systemPrompt: null,
      stop: ["###", "\n\n"],
      timeoutSeconds: 30,
      maxConcurrent: 2,
    });
  });

  it("leaves out the fields a form does not have, and sends clearApiKey only when ticked", () => {
    const form = new FormData();
    form.set("temperature", "1");
    form.set("clearApiKey", "on");
    expect(endpointInputFromForm(form)).toEqual({ temperature: "1", clearApiKey: true });
  });

  it("writes stop sequences with escapes and reads them back", () => {
    const stop = ["\n\nHuman:", "a\\b", "\t"];
    expect(stopListToText(stop)).toBe("\\n\\nHuman:\na\\\\b\n\\t");
    expect(stopListFromText(stopListToText(stop))).toEqual(stop);
  });
});
