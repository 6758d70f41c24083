import Link from "next/link";

/** The figures cover the whole project or one batch: plain links, so each choice has its own address. */
export function BatchPicker({ base, batches, current }: { base: string; batches: { id: string; name: string }[]; current: string | null }) {
  if (batches.length < 2) return null;
  const link = (href: string, label: string, active: boolean) => (
    <Link key={href} href={href} aria-current={active ? "page" : undefined} className={active ? "font-semibold text-slate-900" : "text-indigo-700 underline"}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="Batches" className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
      {link(base, "Whole project", current === null)}
      {batches.map((batch) => link(`${base}?batch=${batch.id}`, batch.name, current === batch.id))}
    </nav>
  );
}
