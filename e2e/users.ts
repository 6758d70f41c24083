export const E2E_USERS = {
  admin: { email: "admin@e2e.example", password: "e2e-admin-pass", role: "ADMIN" },
  researcher: { email: "researcher@e2e.example", password: "e2e-researcher-pass", role: "RESEARCHER" },
  worker: { email: "worker@e2e.example", password: "e2e-worker-pass", role: "WORKER" },
} as const;

export type E2eUser = (typeof E2E_USERS)[keyof typeof E2E_USERS];
