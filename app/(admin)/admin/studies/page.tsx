import { randomBytes } from "node:crypto";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { CreateStudyForm } from "@/components/studies/create-study-form";
import { StudyList } from "@/components/studies/study-list";
import { requirePagePermission } from "@/lib/auth/session";
import { findStudies, findStudyProjectChoices } from "@/lib/data/studies";

export const metadata: Metadata = { title: "Studies" };

// Eight characters from an alphabet without look-alikes, like the codes Prolific suggests.
function suggestCompletionCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from(randomBytes(8), (byte) => alphabet[byte % alphabet.length]).join("");
}

export default async function StudiesPage() {
  await requirePagePermission("study:manage");
  const [studies, projects, requestHeaders] = await Promise.all([findStudies(), findStudyProjectChoices(), headers()]);
  const origin = `${requestHeaders.get("x-forwarded-proto") ?? "http"}://${requestHeaders.get("host") ?? "localhost"}`;
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <section>
        <h1 className="mb-4 text-2xl font-semibold">Crowd-platform studies</h1>
        <StudyList studies={studies} origin={origin} />
      </section>
      <section>
        <h2 className="mb-4 text-lg font-semibold">New study</h2>
        <CreateStudyForm projects={projects} suggestedCode={suggestCompletionCode()} />
      </section>
    </div>
  );
}
