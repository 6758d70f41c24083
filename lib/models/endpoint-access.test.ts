import { afterEach, expect, it } from "vitest";
import { internalOrigin } from "@/lib/models/endpoint-access";

const saved = { HOST: process.env.HOST, PORT: process.env.PORT, PREFLAB_INTERNAL_URL: process.env.PREFLAB_INTERNAL_URL };

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

it("reaches the app on its own address: loopback, or the one interface HOST names", () => {
  process.env.PORT = "4100";
  delete process.env.PREFLAB_INTERNAL_URL;
  const originFor = (host: string | undefined) => {
    if (host === undefined) delete process.env.HOST;
    else process.env.HOST = host;
    return internalOrigin();
  };
  expect([undefined, "0.0.0.0", "::", "127.0.0.1", "10.1.2.3", "fd00::5"].map(originFor)).toEqual([
    "http://127.0.0.1:4100",
    "http://127.0.0.1:4100",
    "http://127.0.0.1:4100",
    "http://127.0.0.1:4100",
    "http://10.1.2.3:4100",
    "http://[fd00::5]:4100",
  ]);
  process.env.PREFLAB_INTERNAL_URL = "http://app-internal:3000";
  expect(originFor("10.1.2.3")).toBe("http://app-internal:3000");
});
