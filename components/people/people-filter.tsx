import Link from "next/link";
import { ROLES } from "@/lib/validations/user";

/** A plain GET form: the filtered list has its own link. */
export function PeopleFilter({ search, role, group, groups }: { search?: string; role?: string; group?: string; groups: { id: string; name: string }[] }) {
  return (
    <form method="get" role="search" className="flex flex-wrap items-end gap-3 text-sm">
      <label className="block">
        Search email or name
        <input name="search" type="search" defaultValue={search} className="mt-1 block w-64 rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block">
        Role
        <select name="role" defaultValue={role ?? ""} className="mt-1 block rounded border border-slate-300 px-3 py-2">
          <option value="">any</option>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {value.toLowerCase()}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        Group
        <select name="group" defaultValue={group ?? ""} className="mt-1 block rounded border border-slate-300 px-3 py-2">
          <option value="">any</option>
          {groups.map((value) => (
            <option key={value.id} value={value.id}>
              {value.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-2 hover:bg-slate-100">
        Filter
      </button>
      {(search || role || group) && (
        <Link href="/admin/people" className="py-2 text-indigo-700 underline">
          Clear
        </Link>
      )}
    </form>
  );
}
