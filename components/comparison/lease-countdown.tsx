"use client";

import { useEffect, useState } from "react";

function remainingSeconds(until: string) {
  return Math.max(0, Math.round((new Date(until).getTime() - Date.now()) / 1000));
}

export function LeaseCountdown({ leaseExpiresAt }: { leaseExpiresAt: string }) {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    setSeconds(remainingSeconds(leaseExpiresAt));
    const timer = setInterval(() => setSeconds(remainingSeconds(leaseExpiresAt)), 1000);
    return () => clearInterval(timer);
  }, [leaseExpiresAt]);
  if (seconds === null) return null;
  const text = seconds === 0 ? "Time is up for this task" : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")} left`;
  return <span className={`text-sm tabular-nums ${seconds < 60 ? "font-semibold text-red-700" : "text-slate-500"}`}>{text}</span>;
}
