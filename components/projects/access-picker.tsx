"use client";

import Link from "next/link";
import { useState } from "react";

/** Who may work on the project: everyone, or members of the chosen groups. */
export function AccessPicker({ groups, defaultValue }: { groups: { id: string; name: string }[]; defaultValue: string[] }) {
  const [mode, setMode] = useState<"everyone" | "groups">(defaultValue.length > 0 ? "groups" : "everyone");
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Who may work on it</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="access" value="everyone" checked={mode === "everyone"} onChange={() => setMode("everyone")} />
        Everyone
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="radio" name="access" value="groups" checked={mode === "groups"} onChange={() => setMode("groups")} />
        Members of these groups
      </label>
      {mode === "groups" &&
        (groups.length === 0 ? (
          <p className="ml-6 text-sm text-slate-500">
            There are no groups yet: make them on{" "}
            <Link href="/admin/people" className="text-indigo-700 underline">
              People
            </Link>
            .
          </p>
        ) : (
          <ul className="ml-6 space-y-1">
            {groups.map((group) => (
              <li key={group.id}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="groupIds" value={group.id} defaultChecked={defaultValue.includes(group.id)} />
                  {group.name}
                </label>
              </li>
            ))}
          </ul>
        ))}
    </fieldset>
  );
}
