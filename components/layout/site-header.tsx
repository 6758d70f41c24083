import Link from "next/link";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { signOutAction } from "@/lib/actions/auth";

export async function SiteHeader() {
  const user = await getCurrentUser();
  const links = user
    ? [
        can(user.role, "task:work") && { href: "/tasks", label: "Tasks" },
        can(user.role, "project:view") && { href: "/projects", label: "Projects" },
        can(user.role, "export:download") && { href: "/exports", label: "Exports" },
        can(user.role, "project:manage") && { href: "/admin", label: "Admin" },
        can(user.role, "user:manage") && { href: "/admin/people", label: "People" },
        can(user.role, "study:manage") && { href: "/admin/studies", label: "Studies" },
        can(user.role, "model:manage") && { href: "/admin/models", label: "Models" },
        can(user.role, "audit:view") && { href: "/admin/audit", label: "Audit log" },
        // Study participants cannot have tokens (lib/data/api-tokens.ts).
        !user.studySessionId && { href: "/settings/tokens", label: "API tokens" },
      ].filter((link): link is { href: string; label: string } => Boolean(link))
    : [];
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav aria-label="Main" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-indigo-700">
          Preflab
        </Link>
        {links.map((link) => (
          <Link key={link.href} href={link.href} className="text-sm text-slate-700 hover:text-indigo-700">
            {link.label}
          </Link>
        ))}
        {user && (
          <form action={signOutAction} className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden text-slate-500 sm:inline">
              {user.email} · {user.role.toLowerCase()}
            </span>
            <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
              Sign out
            </button>
          </form>
        )}
      </nav>
    </header>
  );
}
