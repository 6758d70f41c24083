import type { ReactNode } from "react";

/** A listing's table: a white card with a grey row of column headings; the rows come as children. */
export function DataTable({
  columns,
  cellPadding = "p-3",
  className = "",
  children,
}: {
  columns: ReactNode[];
  cellPadding?: "p-2" | "p-3";
  className?: string;
  children: ReactNode;
}) {
  return (
    <table className={`w-full rounded-lg bg-white text-left text-sm shadow-sm ${className}`.trimEnd()}>
      <thead className="bg-slate-100 text-slate-600">
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={cellPadding}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
