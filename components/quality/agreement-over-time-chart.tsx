"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type DailyAgreement = { day: string; items: number; percentAgreement: number | null; alphaNominal: number | null; alphaInterval: number | null };

/** Agreement of the items completed each day (UTC); the numbers are in the table under it too. */
export function AgreementOverTimeChart({ days }: { days: DailyAgreement[] }) {
  if (days.length === 0) return <p className="text-sm text-slate-500">No item has two judgments yet: agreement needs at least two per item.</p>;
  return (
    <div className="h-64 w-full" role="img" aria-label="Agreement per day">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height: 256 }}>
        <LineChart data={days} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" minTickGap={16} fontSize={12} />
          <YAxis domain={[-0.2, 1]} width={40} fontSize={12} />
          <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(3) : "—")} />
          <Legend />
          <Line dataKey="percentAgreement" name="percent agreement" stroke="#4f46e5" isAnimationActive={false} connectNulls />
          <Line dataKey="alphaNominal" name="α nominal" stroke="#059669" isAnimationActive={false} connectNulls />
          <Line dataKey="alphaInterval" name="α interval" stroke="#d97706" isAnimationActive={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
