import { listDemoModels } from "@/lib/models/demo-model-api";

export const dynamic = "force-dynamic";

/** The built-in demo models, as OpenAI's GET /v1/models lists models (Authorization: Bearer <demo model key>). */
export async function GET(request: Request) {
  return listDemoModels(request);
}
