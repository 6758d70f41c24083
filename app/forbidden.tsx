import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 text-slate-600">Your role does not allow it. Ask an admin if you think it should.</p>
      <Link href="/" className="mt-4 inline-block text-indigo-700 underline">
        Go to your home page
      </Link>
    </div>
  );
}
