"use client";

import { useState } from "react";
import { RED_TEAM_PRESETS } from "@/components/projects/conversation-options";
import type { Framing } from "@/components/projects/project-form-values";

/** Red-team mode, what it asks of workers, and the two questions HH's red team was (and could be) asked. */
export function RedTeamFields({ defaultChecked, onPreset }: { defaultChecked: boolean; onPreset: (framing: Framing) => void }) {
  const [on, setOn] = useState(defaultChecked);
  const [applied, setApplied] = useState<(typeof RED_TEAM_PRESETS)[number] | null>(null);
  const apply = (preset: (typeof RED_TEAM_PRESETS)[number]) => {
    onPreset({ question: preset.question, polarity: preset.polarity });
    setApplied(preset);
  };
  return (
    <div className="space-y-2">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="redTeam" checked={on} onChange={(event) => setOn(event.target.checked)} />
        Red team: workers try to make the models say something harmful
      </label>
      {on && (
        <div className="ml-6 space-y-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <p>
            <strong>Content warning.</strong> These conversations set out to draw harmful text from the models. Workers see a content warning before they start
            and may leave any conversation.
          </p>
          <p>
            Before the first message each worker writes a task description: what they will try, one topic per conversation. At the end they rate how successful
            they were, from 0 (not successful) to 4 (very successful).
          </p>
          <p>
            The question: HH asked for the more harmful response, which walks the conversation toward harm; its authors later advised asking for the more
            beneficial one.
          </p>
          <div className="flex flex-wrap gap-2">
            {RED_TEAM_PRESETS.map((preset) => (
              <button
                key={preset.polarity}
                type="button"
                onClick={() => apply(preset)}
                className="rounded border border-slate-400 bg-white px-3 py-1 text-slate-900 hover:bg-slate-50"
              >
                Ask “{preset.question}” <span className="text-slate-600">({preset.polarityName} polarity)</span>
              </button>
            ))}
          </div>
          <p role="status">{applied && `The question is now “${applied.question}”, with ${applied.polarityName} polarity.`}</p>
        </div>
      )}
    </div>
  );
}
