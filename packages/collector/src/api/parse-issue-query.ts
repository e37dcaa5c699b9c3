import type { IssueQuery, IssueStatus } from '../store/issues';

const STATUSES = new Set(['unresolved', 'resolved', 'ignored']);

/**
 * Sentry's issue search, the part a front-end team types: `is:unresolved` (the default),
 * `is:resolved`, `is:ignored`, `release:1.4.2`, `environment:prod`, and free text.
 */
export function parseIssueQuery(query: string | null): Pick<IssueQuery, 'status' | 'release' | 'text' | 'environments'> {
  const q = query === null ? 'is:unresolved' : query;
  const out: Pick<IssueQuery, 'status' | 'release' | 'text' | 'environments'> = {};
  const words: string[] = [];
  for (const token of q.match(/(?:[^\s"]+|"[^"]*")+/g) || []) {
    const m = /^(\w+):(.*)$/.exec(token);
    const value = m?.[2].replace(/^"|"$/g, '');
    if (m && m[1] == 'is' && STATUSES.has(value!)) out.status = value as IssueStatus;
    else if (m && m[1] == 'release') out.release = value;
    else if (m && m[1] == 'environment') out.environments = [...(out.environments || []), value!];
    else words.push(token.replace(/^"|"$/g, ''));
  }
  if (words.length) out.text = words.join(' ').slice(0, 200);
  return out;
}
