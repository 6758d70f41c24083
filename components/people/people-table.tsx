import { BlockButton } from "@/components/people/block-button";
import { formatTime } from "@/components/people/format-time";
import { MemberGroups } from "@/components/people/member-groups";
import { RoleSelect } from "@/components/people/role-select";
import { DataTable } from "@/components/ui/data-table";
import type { PersonRow } from "@/lib/data/people";

type Group = { id: string; name: string };

export function PeopleTable({ people, groups, actorId }: { people: PersonRow[]; groups: Group[]; actorId: string }) {
  if (people.length === 0) return <p className="rounded border border-slate-200 bg-white p-6 text-slate-600">Nobody matches: change the search or the role.</p>;
  return (
    <div className="overflow-x-auto">
      <DataTable columns={["Person", "Role", "Groups", "Judgments", "Last active", "Access"]}>
        {people.map((person) => (
          <tr key={person.id} data-testid={`person-${person.email}`} className={`border-t border-slate-100 align-top ${person.blockedAt ? "bg-red-50" : ""}`}>
            <td className="p-3">
              <div className="font-medium">{person.email}</div>
              {person.name && <div className="text-slate-600">{person.name}</div>}
            </td>
            <td className="p-3">
              <RoleSelect userId={person.id} email={person.email} role={person.role} isSelf={person.id === actorId} />
            </td>
            <td className="p-3">
              <MemberGroups userId={person.id} email={person.email} groups={person.groups} allGroups={groups} />
            </td>
            <td className="p-3">{person.judgmentCount}</td>
            <td className="p-3 text-slate-600">{formatTime(person.lastActiveAt)}</td>
            <td className="p-3">
              {person.blockedAt && <p className="mb-1 text-red-700">Blocked {formatTime(person.blockedAt)}</p>}
              {person.id !== actorId && <BlockButton userId={person.id} email={person.email} blocked={Boolean(person.blockedAt)} />}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
