import { describe, expect, it } from "vitest";
import { createPlatformTicket, PLATFORM_TICKET_TTL_MS, verifyPlatformTicket } from "@/lib/auth/platform-ticket";

const secret = "test-secret-for-tickets";
const userId = "0b8f4a4e-6c57-4f0e-9a53-2f0f1c7d9e11";
const studySessionId = "7a1e2d3c-4b5a-4968-8776-655443322110";
const now = 1_800_000_000_000;

describe("platform tickets", () => {
  it("gives back the user and study session of a fresh ticket", () => {
    const ticket = createPlatformTicket({ userId, studySessionId, secret, now });
    expect(verifyPlatformTicket({ ticket, secret, now: now + 1000 })).toEqual({ userId, studySessionId });
  });

  it("refuses an expired ticket", () => {
    const ticket = createPlatformTicket({ userId, studySessionId, secret, now });
    expect(verifyPlatformTicket({ ticket, secret, now: now + PLATFORM_TICKET_TTL_MS })).toBeNull();
  });

  it("refuses a ticket signed with another secret", () => {
    const ticket = createPlatformTicket({ userId, studySessionId, secret: "someone-else", now });
    expect(verifyPlatformTicket({ ticket, secret, now })).toBeNull();
  });

  it("refuses a ticket whose user, study session or expiry was changed", () => {
    const ticket = createPlatformTicket({ userId, studySessionId, secret, now });
    const [, , expires, signature] = ticket.split(".");
    const other = "5d3c2b1a-0000-4000-8000-000000000000";
    expect(verifyPlatformTicket({ ticket: `${other}.${studySessionId}.${expires}.${signature}`, secret, now })).toBeNull();
    expect(verifyPlatformTicket({ ticket: `${userId}.${other}.${expires}.${signature}`, secret, now })).toBeNull();
    expect(verifyPlatformTicket({ ticket: `${userId}.${studySessionId}.${Number(expires) + 3_600_000}.${signature}`, secret, now })).toBeNull();
  });

  it.each([undefined, "", "not a ticket", `${userId}.${studySessionId}.1.${"A".repeat(43)}`, `${userId}.1.${"A".repeat(43)}`, { userId }])(
    "refuses %j",
    (ticket) => {
      expect(verifyPlatformTicket({ ticket, secret, now })).toBeNull();
    },
  );
});
