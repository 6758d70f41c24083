import type { Metadata } from "next";
import { CreateInviteForm } from "@/components/people/create-invite-form";
import { GroupList } from "@/components/people/group-list";
import { InviteList } from "@/components/people/invite-list";
import { Pager } from "@/components/people/pager";
import { PeopleFilter } from "@/components/people/people-filter";
import { PeopleTable } from "@/components/people/people-table";
import { requirePagePermission } from "@/lib/auth/session";
import { findPeopleConsole } from "@/lib/data/people";

export const metadata: Metadata = { title: "People" };

type Query = { search?: string; role?: string; group?: string; page?: string };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Query> }) {
  const actor = await requirePagePermission("user:manage");
  const data = await findPeopleConsole(await searchParams);
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">People</h1>
        <PeopleFilter search={data.search} role={data.role} group={data.group} groups={data.groups} />
        <p className="text-sm text-slate-600">{data.total === 1 ? "1 person" : `${data.total} people`}</p>
        <PeopleTable people={data.people} groups={data.groups} actorId={actor.id} />
        <Pager page={data.page} pageCount={data.pageCount} query={{ search: data.search, role: data.role, group: data.group }} />
      </section>
      <div className="grid gap-8 lg:grid-cols-2">
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Invite people</h2>
          <CreateInviteForm groups={data.groups} />
          <InviteList invites={data.invites} />
        </section>
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">Groups</h2>
          <GroupList groups={data.groups} />
        </section>
      </div>
    </div>
  );
}
