"use client";

import { Modal } from "@/components/ui/modal";
import type { Shortcut } from "@/components/comparison/use-shortcuts";

export function ShortcutsDialog({ open, onClose, shortcuts }: { open: boolean; onClose: () => void; shortcuts: Shortcut[] }) {
  return (
    <Modal open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="w-full text-left text-sm">
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.keys} className="border-b border-slate-100">
              <th scope="row" className="py-1.5 pr-4 font-mono font-normal whitespace-nowrap">
                {shortcut.keys}
              </th>
              <td className="py-1.5">{shortcut.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
