import { describe, expect, it } from "vitest";
import { createPlatformTicket, PLATFORM_TICKET_TTL_MS, verifyPlatformTicket } from "@/lib/auth/platform-ticket";

const secret = "test-secret-for-tickets";
const userId = "0b8f4a4e-6c57-4f0e-9a53-2f0f1c7d9e11";
const now = 1_800_000_000_000;

describe("platform tickets", () => {
  it("gives back the user id of a fresh ticket", () => {
    const ticket = createPlatformTicket({ userId, secret, now });
    expect(verifyPlatformTicket({ ticket, secret, now: now + 1000 })).toBe(userId);
  });

  it("refuses an expired ticket", () => {
    const ticket = createPlatformTicket({ userId, secret, now });
    expect(verifyPlatformTicket({ ticket, secret, now: now + PLATFORM_TICKET_TTL_MS })).toBeNull();
  });

  it("refuses a ticket signed with another secret", () => {
    const ticket = createPlatformTicket({ userId, secret: "someone-else", now });
    expect(verifyPlatformTicket({ ticket, secret, now })).toBeNull();
  });

  it("refuses a ticket whose user or expiry was changed", () => {
    const ticket = createPlatformTicket({ userId, secret, now });
    const [, expires, signature] = ticket.split(".");
    const otherUser = "5d3c2b1a-0000-4000-8000-000000000000";
    expect(verifyPlatformTicket({ ticket: `${otherUser}.${expires}.${signature}`, secret, now })).toBeNull();
    expect(verifyPlatformTicket({ ticket: `${userId}.${Number(expires) + 3_600_000}.${signature}`, secret, now })).toBeNull();
  });

  it.each([undefined, "", "not a ticket", `${userId}.1.${"A".repeat(43)}`, { userId }])("refuses %j", (ticket) => {
    expect(verifyPlatformTicket({ ticket, secret, now })).toBeNull();
  });
});
