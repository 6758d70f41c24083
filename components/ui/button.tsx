import type { ButtonHTMLAttributes } from "react";

// The one primary button style; callers add layout classes (width, margins) only.
export function Button({ className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      {...props}
      className={`rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-60 ${className}`}
    />
  );
}
