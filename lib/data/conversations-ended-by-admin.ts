import "server-only";
// Conversations an admin's action ends: closing their live batch, or blocking their worker. In the
// admin's transaction: the conversations become ABANDONED (their answered turns stay), the samples
// still generating are cancelled, and each open turn is notified so its stream and its generation
// stop, on whichever process runs them. The leases themselves are revoked by the caller, as for any task.
import type { Prisma } from "@/lib/generated/prisma/client";
import { TURN_CHANNEL } from "@/lib/data/conversation-samples";

type Scope = { batchId: string } | { workerId: string };

export async function endConversationsByAdmin(tx: Prisma.TransactionClient, scope: Scope): Promise<number> {
  const ended =
    "batchId" in scope
      ? await tx.$queryRaw<{ id: string }[]>`UPDATE conversations SET status = 'ABANDONED', ended_at = now()
          WHERE batch_id = ${scope.batchId}::uuid AND status = 'ACTIVE' RETURNING id`
      : await tx.$queryRaw<{ id: string }[]>`UPDATE conversations SET status = 'ABANDONED', ended_at = now()
          WHERE worker_id = ${scope.workerId}::uuid AND status = 'ACTIVE' RETURNING id`;
  if (ended.length === 0) return 0;
  const ids = ended.map((conversation) => conversation.id);
  // A data-modifying WITH runs whether or not the query reads it.
  await tx.$queryRaw`
    WITH open_turns AS (SELECT id FROM conversation_turns WHERE conversation_id = ANY(${ids}::uuid[]) AND answered_at IS NULL),
         cancelled AS (
           UPDATE turn_samples SET status = 'FAILED', failure_kind = 'cancelled', error = 'the conversation was ended by an admin'
           WHERE status IN ('PENDING', 'STREAMING') AND turn_id IN (SELECT id FROM open_turns))
    SELECT pg_notify(${TURN_CHANNEL}, id::text)::text FROM open_turns`;
  return ended.length;
}
