import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { hashTokenSecret } from "@/lib/auth/token-secret";
import { openPage } from "./navigation";
import { signIn } from "./sign-in";
import { createTestWorker } from "./test-data";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";
import { expectNoSeriousViolations } from "./axe";

test("an admin invites a worker who signs up through the link; blocking them signs them out; the audit log shows it all", async ({ page, browser }) => {
  const email = `invited-${randomBytes(4).toString("hex")}@e2e.example`;

  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin/people");
  const inviteForm = page.locator("form", { has: page.getByRole("button", { name: "Create invite link" }) });
  await inviteForm.getByLabel("Role").selectOption("WORKER");
  await inviteForm.getByLabel("People it admits").fill("1");
  await inviteForm.getByLabel("Valid for (days)").fill("3");
  await inviteForm.getByRole("button", { name: "Create invite link" }).click();
  await expect(page.getByTestId("invite-link")).toContainText("/invite/");
  const link = (await page.getByTestId("invite-link").textContent())!.trim();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/invite\/[\w-]{20,}$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  // The invited person, in a browser that has never signed in.
  const invited = await browser.newContext();
  const newcomer = await invited.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByText("You are invited as a worker")).toBeVisible();
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Name").fill("Ada <b>Invited</b>");
  await newcomer.getByLabel("Password (at least 8 characters)").fill("invited-pass-1");
  await newcomer.getByLabel("Password again").fill("invited-pass-2");
  await newcomer.getByRole("button", { name: "Create account" }).click();
  await expect(newcomer.getByText("the passwords differ")).toBeVisible();
  await expect(newcomer.getByLabel("Email")).toHaveValue(email);
  await newcomer.getByLabel("Password (at least 8 characters)").fill("invited-pass-1");
  await newcomer.getByLabel("Password again").fill("invited-pass-1");
  await newcomer.getByRole("button", { name: "Create account" }).click();
  await expect(newcomer).toHaveURL(/\/tasks$/);
  expect((await (await newcomer.request.get("/api/auth/session")).json()).user.email).toBe(email);
  expect(await e2eDb().user.findUniqueOrThrow({ where: { email }, select: { role: true, name: true, blockedAt: true } })).toEqual({
    role: "WORKER",
    name: "Ada <b>Invited</b>",
    blockedAt: null,
  });

  // A single-use link is dead once used, and says so.
  const again = await (await browser.newContext()).newPage();
  const dead = await again.goto(link);
  expect(dead?.status()).toBe(404);
  await expect(again.getByRole("heading", { name: "This invite has been used" })).toBeVisible();

  await signIn(page, E2E_USERS.admin);
  await openPage(page, "/admin/people");
  await expect(page.getByTestId("invite-row").first().getByTestId("invite-uses")).toHaveText("1 of 1");
  await expect(page.getByTestId("invite-row").first()).toContainText("used up");

  await page.getByLabel("Search email or name").fill(email);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/search=invited-/);
  const row = page.getByTestId(`person-${email}`);
  await expect(row).toContainText("Ada <b>Invited</b>");
  await row.getByRole("button", { name: `Block ${email}` }).click();
  const confirm = page.getByRole("dialog", { name: `Block ${email}?` });
  await expect(confirm).toContainText("signed out at once");
  await confirm.getByRole("button", { name: "Block", exact: true }).click();
  await expect(row).toContainText("Blocked");
  await expect(row.getByRole("button", { name: `Unblock ${email}` })).toBeVisible();
  expect((await e2eDb().user.findUniqueOrThrow({ where: { email } })).blockedAt).not.toBeNull();

  // The blocked worker's very next request finds them signed out.
  await newcomer.goto("/tasks");
  await expect(newcomer).toHaveURL(/\/signin/);

  await openPage(page, "/admin/audit");
  await expect(page.getByTestId("audit-row").filter({ hasText: "invite.create" }).first()).toBeVisible();
  await expect(page.getByTestId("audit-row").filter({ hasText: "user.block" }).filter({ hasText: email })).toHaveCount(1);
  await page.getByLabel("Action").selectOption("user.block");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=user\.block/);
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: email })).toHaveCount(1);
  for (const action of await rows.locator("td:nth-child(3)").allTextContents()) expect(action).toBe("user.block");
  await expect(rows.filter({ hasText: email })).toContainText(E2E_USERS.admin.email);

  await invited.close();
});

test("a link nobody issued is refused with a clear page", async ({ page }) => {
  const response = await page.goto("/invite/no-such-invite-secret");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Unknown invite link" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create account" })).toHaveCount(0);
});

test("a worker cannot open the people or audit pages", async ({ page }) => {
  await signIn(page, E2E_USERS.worker);
  for (const path of ["/admin/people", "/admin/audit"]) expect((await page.goto(path))?.status()).toBe(403);
});

test("an admin changes a role and manages a group from the people page", async ({ page }) => {
  const worker = await createTestWorker("grouped");
  const groupName = `raters ${randomBytes(3).toString("hex")}`;
  await signIn(page, E2E_USERS.admin);
  await openPage(page, `/admin/people?search=${encodeURIComponent(worker.email)}`);
  const row = page.getByTestId(`person-${worker.email}`);

  // Picking a role (as arrowing through a closed select does) changes nothing until Change is pressed.
  const role = row.getByLabel(`Role of ${worker.email}`);
  await role.focus();
  await role.selectOption("RESEARCHER");
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: worker.id } })).role).toBe("WORKER");
  await row.getByRole("button", { name: "Change" }).press("Enter");
  await expect(row.getByRole("button", { name: "Change" })).toHaveCount(0);
  expect((await e2eDb().user.findUniqueOrThrow({ where: { id: worker.id } })).role).toBe("RESEARCHER");

  await page.getByLabel("New group name").fill(groupName);
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await expect(page.getByRole("listitem").getByText(groupName, { exact: true })).toBeVisible();
  await row.getByLabel(`Group to add ${worker.email} to`).selectOption({ label: groupName });
  await row.getByRole("button", { name: "Add", exact: true }).click();
  await expect(row.getByRole("button", { name: `Remove ${worker.email} from ${groupName}` })).toBeVisible();
  expect(await e2eDb().groupMember.count({ where: { userId: worker.id, group: { name: groupName } } })).toBe(1);

  await page.getByRole("button", { name: `Rename ${groupName}` }).click();
  await page.getByLabel(`New name for ${groupName}`).fill(`${groupName} v2`);
  await page.getByLabel(`New name for ${groupName}`).press("Enter");
  await expect(row).toContainText(`${groupName} v2`);
  await page.getByRole("button", { name: `Delete ${groupName} v2` }).click();
  await page
    .getByRole("dialog", { name: `Delete ${groupName} v2?` })
    .getByRole("button", { name: "Delete", exact: true })
    .click();
  await expect(row).not.toContainText(groupName);
  expect(await e2eDb().group.count({ where: { name: { startsWith: groupName } } })).toBe(0);

  await openPage(page, `/admin/audit?actor=${encodeURIComponent(E2E_USERS.admin.email)}&targetType=group`);
  for (const action of ["group.create", "group.add-member", "group.rename", "group.delete"]) {
    await expect(page.getByTestId("audit-row").filter({ hasText: action }).filter({ hasText: groupName }).first()).toBeVisible();
  }
});

test("the people, audit and invite pages pass axe", async ({ page, browser }) => {
  const secret = `a11y-${randomBytes(16).toString("hex")}`;
  await e2eDb().invite.create({ data: { tokenHash: hashTokenSecret(secret), role: "WORKER", maxUses: 1, expiresAt: new Date(Date.now() + 86_400_000) } });
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/invite/${secret}`);
  await expect(visitor.getByRole("button", { name: "Create account" })).toBeVisible();
  await expectNoSeriousViolations(visitor, "a live invite");
  await visitor.goto("/invite/no-such-invite");
  await expectNoSeriousViolations(visitor, "an unknown invite");

  await signIn(page, E2E_USERS.admin);
  for (const path of ["/admin/audit", "/admin/people"]) {
    await openPage(page, path);
    await expectNoSeriousViolations(page, path);
  }
  await page
    .getByRole("button", { name: /^Block / })
    .first()
    .click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoSeriousViolations(page, "the block confirmation");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
