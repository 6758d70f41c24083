import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";

const HOME_BY_ROLE = { WORKER: "/tasks", RESEARCHER: "/projects", ADMIN: "/admin" } as const;

export default async function HomePage() {
  const user = await getCurrentUser();
  redirect(user ? HOME_BY_ROLE[user.role] : "/signin");
}
