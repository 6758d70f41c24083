import { formatErrorDetail, type ErrorDetail } from "@/lib/errors";

/** Every bad line the server reported; the message says how many there were when the list is capped. */
export function ErrorReport({ message, details }: { message: string; details: ErrorDetail[] }) {
  return (
    <div role="alert" className="rounded border border-red-200 bg-red-50 p-3 text-red-900">
      <p className="font-medium">{message}</p>
      {details.length > 0 && (
        <ul aria-label="Errors by line" className="mt-2 max-h-72 list-disc overflow-auto pl-6 text-sm">
          {details.map((detail, index) => (
            <li key={index}>{formatErrorDetail(detail)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
