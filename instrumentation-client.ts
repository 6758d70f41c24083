// Runs in the browser before the app's own code. Zod compiles object schemas with `new Function` where a
// page allows eval, and finds out by trying: under the pages' Content-Security-Policy (proxy.ts), which
// allows no eval, each try is reported as a violation. Without compiling, zod parses the same way.
import { config } from "zod/v4/core";

config({ jitless: true });
