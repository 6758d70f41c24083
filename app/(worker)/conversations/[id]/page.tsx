import type { Metadata } from "next";
import { ConversationScreen } from "@/components/conversation/conversation-screen";
import { requirePagePermission } from "@/lib/auth/session";
import { getConversationView } from "@/lib/data/conversation-view";
import { orNotFound } from "@/lib/pages/or-not-found";

export const metadata: Metadata = { title: "Conversation" };

export default async function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePagePermission("task:work");
  const { id } = await params;
  const view = await orNotFound(getConversationView({ actor, conversationId: id }));
  return <ConversationScreen view={view} />;
}
