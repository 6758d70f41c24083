import { configuredTestServer, dropTestDatabase } from "@/lib/testing/test-server";

export default async function globalTeardown() {
  await dropTestDatabase(configuredTestServer(), process.env.PREFLAB_E2E_DATABASE_NAME!);
}
