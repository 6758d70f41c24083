import { describe, expect, it } from "vitest";
import { allowedBatchTransitions, BATCH_STATUSES, explainRefusedTransition } from "@/lib/data/batch-transitions";

const ALLOWED_PAIRS = ["DRAFT->ACTIVE", "ACTIVE->PAUSED", "PAUSED->ACTIVE", "DRAFT->CLOSED", "ACTIVE->CLOSED", "PAUSED->CLOSED"];

describe("batch transitions", () => {
  it("allows exactly draft->active, active<->paused and anything but closed ->closed", () => {
    const allowed = BATCH_STATUSES.flatMap((from) => allowedBatchTransitions(from).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual([...ALLOWED_PAIRS].sort());
  });

  it("explains every refused transition and none of the allowed ones", () => {
    for (const from of BATCH_STATUSES) {
      for (const to of BATCH_STATUSES) {
        const reason = explainRefusedTransition(from, to);
        if (ALLOWED_PAIRS.includes(`${from}->${to}`)) expect(reason, `${from}->${to}`).toBeNull();
        else expect(reason, `${from}->${to}`).toMatch(/\w{3,}/);
      }
    }
  });

  it("keeps closed final", () => {
    expect(allowedBatchTransitions("CLOSED")).toEqual([]);
    expect(explainRefusedTransition("CLOSED", "ACTIVE")).toMatch(/closed batch stays closed/);
  });
});
