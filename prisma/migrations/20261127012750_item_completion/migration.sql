-- AlterTable
ALTER TABLE "items" ADD COLUMN     "is_complete" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "items_batch_id_is_complete_position_idx" ON "items"("batch_id", "is_complete", "position");
