// A lean keep-alive JSON client for load generation: on a 2-core machine the load generator shares
// the CPU with the server, and node:http costs it less than fetch does.
import http from "node:http";

export type JsonResponse = { status: number; body: unknown };

export function createJsonClient(baseUrl: string, maxSockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const { hostname, port } = new URL(baseUrl);
  return function post(path: string, headers: Record<string, string>, body?: string): Promise<JsonResponse> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        { agent, hostname, port, path, method: "POST", headers: { ...headers, ...(body ? { "content-length": Buffer.byteLength(body) } : {}) } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk) => chunks.push(chunk));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
            } catch {
              resolve({ status: response.statusCode ?? 0, body: text });
            }
          });
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  };
}
