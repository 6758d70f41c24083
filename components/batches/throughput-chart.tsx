"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const hourLabel = (iso: string) => `${iso.slice(11, 13)}:00`;

/** Judgments stored per hour (UTC); the numbers are also in the table beside it for screen readers. */
export function ThroughputChart({ perHour }: { perHour: { hour: string; judgments: number }[] }) {
  if (perHour.every((bucket) => bucket.judgments === 0)) return <p className="text-sm text-slate-500">No judgments in this period yet.</p>;
  return (
    <div className="h-56 w-full" role="img" aria-label="Judgments per hour">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 224 }}>
        <BarChart data={perHour} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="hour" tickFormatter={hourLabel} minTickGap={16} fontSize={12} />
          <YAxis allowDecimals={false} width={40} fontSize={12} />
          <Tooltip labelFormatter={(label) => `${String(label).slice(0, 16).replace("T", " ")} UTC`} formatter={(value) => [value, "judgments"]} />
          <Bar dataKey="judgments" fill="#4f46e5" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
