import type { ActionResult } from "@/lib/actions/run-action";
import type { EndpointTestResult } from "@/lib/models/endpoint-test";

/** What a test of an endpoint gave: the answer and its timings, or the exact error (admins only see this). */
export function EndpointTestOutcome({ result }: { result: ActionResult<EndpointTestResult> | null }) {
  if (!result) return null;
  if (!result.ok) return <p className="text-red-700">Could not test: {result.error}</p>;
  const test = result.data;
  if (!test.ok) {
    return (
      <p className="text-red-700">
        <span className="font-medium">Test failed ({test.kind}):</span> <code className="break-all whitespace-pre-wrap">{test.error}</code>
      </p>
    );
  }
  return (
    <div className="space-y-1">
      <p className="text-green-800">
        <span className="font-medium">It answered</span> in {test.totalMs} ms{test.firstTokenMs !== null && `, the first token after ${test.firstTokenMs} ms`}:
      </p>
      <blockquote className="border-l-4 border-slate-200 pl-3 whitespace-pre-wrap text-slate-800">{test.text}</blockquote>
    </div>
  );
}
