import type { Project } from '../store/projects';
import type { IssueRow, IssueStore } from '../store/issues';
import { iso } from './dates';

export type StatsPeriod = '24h' | '14d';

/** `[[unix_ts, n], …]`: 24 hourly buckets for `24h`, 14 daily ones for `14d`, oldest first, ending now. */
export function issueStats(issues: IssueStore, issueId: number, period: StatsPeriod, now = Date.now() / 1000): Array<[number, number]> {
  const size = period == '24h' ? 3600 : 86400;
  const n = period == '24h' ? 24 : 14;
  const end = Math.floor(now / size) * size;
  const start = end - (n - 1) * size;
  const buckets: Array<[number, number]> = Array.from({ length: n }, (_, i) => [start + i * size, 0]);
  for (const { hour, count } of issues.hours(issueId, start)) {
    const i = Math.floor((hour - start) / size);
    if (i >= 0 && i < n) buckets[i][1] += count;
  }
  return buckets;
}

export const shortId = (project: Project, issue: IssueRow) => `${project.slug.toUpperCase()}-${issue.short_number.toString(36).toUpperCase()}`;

/** An issue in Sentry's API shape (`count` is a string there, `userCount` a number). */
export function serializeIssue(issue: IssueRow, project: Project, baseUrl: string, stats?: Record<string, Array<[number, number]>>) {
  return {
    id: String(issue.id),
    shortId: shortId(project, issue),
    title: issue.title,
    culprit: issue.culprit,
    permalink: `${baseUrl}/organizations/${project.orgSlug}/issues/${issue.id}/`,
    logger: null,
    level: issue.level,
    status: issue.status,
    substatus: issue.substatus ?? (issue.status == 'unresolved' ? 'ongoing' : null),
    statusDetails: {},
    isPublic: false,
    platform: 'javascript',
    project: { id: String(project.id), name: project.name, slug: project.slug, platform: 'javascript' },
    type: 'error',
    metadata: JSON.parse(issue.metadata),
    numComments: 0,
    assignedTo: null,
    isBookmarked: false,
    isSubscribed: false,
    hasSeen: false,
    annotations: [],
    issueType: 'error',
    issueCategory: 'error',
    count: String(issue.times_seen),
    userCount: issue.user_count,
    firstSeen: iso(issue.first_seen),
    lastSeen: iso(issue.last_seen),
    ...(stats ? { stats } : {}),
  };
}

/** The issue page's extras: releases, tag summaries. */
export function serializeIssueDetails(issues: IssueStore, issue: IssueRow, project: Project, baseUrl: string) {
  const byKey = new Map<string, { key: string; name: string; totalValues: number; topValues: Array<{ key: string; name: string; value: string; count: number; firstSeen: string | null; lastSeen: string | null }> }>();
  for (const t of issues.tags(issue.id)) {
    let entry = byKey.get(t.key);
    if (!entry) byKey.set(t.key, (entry = { key: t.key, name: t.key, totalValues: 0, topValues: [] }));
    entry.totalValues += t.count;
    if (entry.topValues.length < 10) entry.topValues.push({ key: t.key, name: t.value, value: t.value, count: t.count, firstSeen: iso(t.first_seen), lastSeen: iso(t.last_seen) });
  }
  return {
    ...serializeIssue(issue, project, baseUrl, { '24h': issueStats(issues, issue.id, '24h'), '30d': issueStats(issues, issue.id, '14d') }),
    firstRelease: issue.first_release ? { version: issue.first_release, shortVersion: issue.first_release } : null,
    lastRelease: issue.last_release ? { version: issue.last_release, shortVersion: issue.last_release } : null,
    tags: [...byKey.values()],
  };
}
