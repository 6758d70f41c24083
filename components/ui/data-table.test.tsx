import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DataTable } from "@/components/ui/data-table";

describe("DataTable", () => {
  it("heads each column for screen readers and puts the rows in the body", () => {
    const html = renderToStaticMarkup(
      <DataTable
        columns={[
          "Role",
          <span key="a" className="sr-only">
            Actions
          </span>,
        ]}
        cellPadding="p-2"
        className="border-collapse"
      >
        <tr>
          <td>worker</td>
          <td>Revoke</td>
        </tr>
      </DataTable>,
    );
    expect(html).toBe(
      '<table class="w-full rounded-lg bg-white text-left text-sm shadow-sm border-collapse"><thead class="bg-slate-100 text-slate-600"><tr>' +
        '<th scope="col" class="p-2">Role</th><th scope="col" class="p-2"><span class="sr-only">Actions</span></th></tr></thead>' +
        "<tbody><tr><td>worker</td><td>Revoke</td></tr></tbody></table>",
    );
  });
});
