import type { Db } from '../../store/database';

/** The environments and releases a project's issues were seen in, for the list's filter menus. */
export function createFilterOptions(db: Db) {
  const values = db.prepare<[string, number], { value: string }>(
    'SELECT DISTINCT value FROM issue_tags WHERE key = ? AND issue_id IN (SELECT id FROM issues WHERE project_id = ?) ORDER BY value LIMIT 200',
  );
  return {
    environments: (projectId: number) => values.all('environment', projectId).map((r) => r.value),
    releases: (projectId: number) => values.all('release', projectId).map((r) => r.value),
  };
}

export type FilterOptions = ReturnType<typeof createFilterOptions>;
