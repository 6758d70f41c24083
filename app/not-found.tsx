import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-12 max-w-md text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is nothing here, or it is not yours to see.</p>
      <Link href="/" className="mt-4 inline-block text-indigo-700 underline">
        Go to your home page
      </Link>
    </div>
  );
}
