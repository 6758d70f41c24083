-- Who may work on a project, in one place for claims and the worker's project list: everyone unless
-- the project names groups (then their members); and a participant who came from a crowd-platform
-- study only on the projects of their studies (they were recruited, and are paid, for those).
CREATE INDEX "study_sessions_user_id_idx" ON "study_sessions"("user_id");

CREATE FUNCTION project_open_to(project uuid, worker uuid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT (NOT EXISTS (SELECT 1 FROM project_groups g WHERE g.project_id = project)
          OR EXISTS (SELECT 1 FROM project_groups g JOIN group_members m ON m.group_id = g.group_id
                     WHERE g.project_id = project AND m.user_id = worker))
     AND (NOT EXISTS (SELECT 1 FROM study_sessions ss WHERE ss.user_id = worker)
          OR EXISTS (SELECT 1 FROM study_sessions ss JOIN studies s ON s.id = ss.study_id
                     WHERE ss.user_id = worker AND s.project_id = project))
$$;
