"use server";

// eslint-disable-next-line no-restricted-imports -- the preview is rendered by the component workers read, so the two cannot drift apart
import { MarkdownText } from "@/components/comparison/markdown-text";
import { runAction } from "@/lib/actions/run-action";
import { z } from "zod";
import { parseInput } from "@/lib/validations/parse";

/**
 * The instructions rendered exactly as workers will see them: by the same server-side markdown
 * component, inert (raw HTML shows as text, images are not loaded).
 */
export async function previewInstructionsAction(text: string) {
  return runAction("project:manage", async () => {
    const instructions = parseInput(z.string().max(100_000), text);
    return instructions.trim() ? <MarkdownText text={instructions} className="prose-sm" /> : null;
  });
}
