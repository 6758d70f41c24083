import { describe, expect, it } from "vitest";
import { findProjectQuality } from "@/lib/data/quality/project-quality";
import { db } from "@/lib/db/prisma";
import { RELEASE_GATE_ALPHA } from "@/lib/exports/export-quality";
import { exportToBuffer } from "@/lib/testing/export-fixture";
import { jsonlRecords } from "@/lib/testing/export-read-back";
import { createQualityFixture } from "@/lib/testing/quality-fixture";

describe("quality in exports", () => {
  it("gives each judgment its annotator's figures in the project, the numbers the Quality page shows", async () => {
    const fixture = await createQualityFixture(db(), { items: 20, workers: 4, perItem: 3, seed: 21 });
    const { bytes } = await exportToBuffer({ format: "judgments", projects: [fixture.project.slug] });
    const quality = await findProjectQuality(fixture.project.slug, { rounds: 10 });
    const rows = jsonlRecords(bytes);
    expect(rows).toHaveLength(fixture.judgments.length);
    const workerOf = new Map((await db().judgment.findMany({ where: { projectId: fixture.project.id } })).map((judgment) => [judgment.id, judgment.workerId]));
    for (const row of rows) {
      const worker = quality.workers.find((signals) => signals.workerId === workerOf.get(row.judgment_id as string))!;
      const share = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);
      expect(row.annotator_quality).toEqual({
        judgments: worker.judgments,
        median_seconds: share(worker.medianSeconds),
        too_fast_share: share(worker.tooFastShare),
        shown_first_share: share(worker.shownFirstShare),
        shown_first_p: share(worker.shownFirstPValue),
        common_strength_share: share(worker.commonStrengthShare),
        copied_rationale_share: share(worker.copiedRationaleShare),
        reference_accuracy: share(worker.referenceAccuracy?.value ?? null),
        gold_accuracy: share(worker.goldAccuracy?.value ?? null),
        consensus_agreement: share(worker.consensusAgreement),
        signals: worker.signals,
      });
    }
  });

  it("says in the manifest whether each project's nominal alpha reaches the gate, and only when asked", async () => {
    const fixture = await createQualityFixture(db(), { items: 30, workers: 5, perItem: 3, seed: 22 });
    const quality = await findProjectQuality(fixture.project.slug, { rounds: 10 });
    const alpha = quality.agreement.alphaNominal.value!;
    const gated = await exportToBuffer({ format: "hh-rlhf", projects: [fixture.project.slug], releaseGate: true });
    expect(gated.manifest.releaseGate).toEqual({
      threshold: RELEASE_GATE_ALPHA,
      passed: alpha >= RELEASE_GATE_ALPHA,
      projects: [{ project: fixture.project.slug, items: quality.agreement.items, alphaNominal: Number(alpha.toFixed(4)) }],
    });
    // The fixture's workers agree only somewhat: the gate fails, loudly, and the data is still exported.
    expect(gated.manifest.releaseGate!.passed).toBe(false);
    expect(gated.manifest.counts.rows).toBeGreaterThan(0);
    const plain = await exportToBuffer({ format: "hh-rlhf", projects: [fixture.project.slug] });
    expect(plain.manifest.releaseGate).toBeUndefined();
    expect(plain.manifest.options).not.toHaveProperty("releaseGate");
  });

  it("fails the gate for a project with no item judged twice", async () => {
    const fixture = await createQualityFixture(db(), { items: 5, workers: 1, perItem: 1, seed: 23 });
    const { manifest } = await exportToBuffer({ format: "trl", projects: [fixture.project.slug], releaseGate: true });
    expect(manifest.releaseGate).toEqual({
      threshold: RELEASE_GATE_ALPHA,
      passed: false,
      projects: [{ project: fixture.project.slug, items: 0, alphaNominal: null }],
    });
  });
});
