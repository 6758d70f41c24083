import { createDemoChatCompletion } from "@/lib/models/demo-model-api";

export const dynamic = "force-dynamic";

/** The built-in demo models' OpenAI-compatible Chat Completions endpoint (Authorization: Bearer <demo model key>). */
export async function POST(request: Request) {
  return createDemoChatCompletion(request);
}
