"use client";

/** The projects to export, each with its number of judgments. */
export function ExportProjectPicker({
  projects,
  chosen,
  onChange,
}: {
  projects: { slug: string; name: string; judgmentCount: number }[];
  chosen: string[];
  onChange: (update: (current: string[]) => string[]) => void;
}) {
  return (
    <fieldset>
      <legend className="font-medium">Projects</legend>
      {projects.length === 0 && <p className="text-slate-600">There are no projects yet.</p>}
      {projects.map((project) => (
        <label key={project.slug} className="mt-1 flex items-center gap-2">
          <input
            type="checkbox"
            checked={chosen.includes(project.slug)}
            onChange={(event) => onChange((current) => (event.target.checked ? [...current, project.slug] : current.filter((slug) => slug !== project.slug)))}
          />
          {project.name} <span className="text-slate-500">({project.judgmentCount} judgments)</span>
        </label>
      ))}
    </fieldset>
  );
}
