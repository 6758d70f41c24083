"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600">The error was logged{error.digest ? ` (reference ${error.digest})` : ""}. Your saved work is safe.</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-indigo-600 px-3 py-2 text-white">
        Try again
      </button>
    </div>
  );
}
