"use client";

import { useEffect, useState } from "react";

function secondsUntil(time: string) {
  return Math.max(0, Math.round((new Date(time).getTime() - Date.now()) / 1000));
}

function clock(seconds: number) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The time left on the lease, a way to ask for more, and what happens when it runs out. */
export function LeaseBar({
  leaseExpiresAt,
  extensionsLeft,
  extending,
  onExtend,
  onExpired,
}: {
  leaseExpiresAt: string;
  extensionsLeft: number;
  extending: boolean;
  onExtend: () => void;
  onExpired: () => void;
}) {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => {
      const left = secondsUntil(leaseExpiresAt);
      setSeconds(left);
      if (left === 0) onExpired();
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [leaseExpiresAt, onExpired]);
  if (seconds === null) return null;
  const low = seconds < 120;
  return (
    <div className="flex items-center gap-2 text-sm">
      <span role="timer" aria-label="Time left on this task" className={`tabular-nums ${low ? "font-semibold text-red-700" : "text-slate-500"}`}>
        {clock(seconds)} left
      </span>
      {extensionsLeft > 0 && seconds > 0 && (
        <button
          type="button"
          onClick={onExtend}
          disabled={extending}
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 disabled:opacity-50"
        >
          More time <kbd className="text-xs text-slate-500">E</kbd>
        </button>
      )}
    </div>
  );
}
