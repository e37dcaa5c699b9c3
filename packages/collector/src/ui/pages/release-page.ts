import { shortId } from '../../api/serialize-issue';
import type { Project } from '../../store/projects';
import { html } from '../html';
import { layout } from '../layout';
import { timeTag } from '../parts/time';
import type { ReleaseStats } from '../queries/release-stats';
import type { PageState, UiContext } from '../ui-context';

const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(rate >= 0.9995 || rate === 0 ? 0 : 1)}%`);

/** A release's health: events, the issues it introduced, crash-free sessions, and what SDKs dropped. */
export function renderReleasePage(ctx: UiContext, state: PageState, project: Project, version: string, stats: ReleaseStats): string {
  const sessionRows = Object.entries(stats.sessions).sort(([a], [b]) => a.localeCompare(b));
  const body = html`<p class="muted"><a href="/?project=${project.slug}">${project.name}</a> · Release</p>
<h1>${version}</h1>
<div class="facts"><div><span class="label">Events</span><span class="value" data-fact="events">${stats.events}</span></div>
<div><span class="label">New issues</span><span class="value" data-fact="new-issues">${stats.newIssues.length}</span></div>
<div><span class="label">Sessions</span><span class="value" data-fact="sessions">${stats.sessions.started || 0}</span></div>
<div><span class="label">Crash-free sessions</span><span class="value" data-fact="crash-free">${percent(stats.crashFreeRate)}</span></div></div>
<p><a href="/?project=${project.slug}&amp;release=${encodeURIComponent(version)}&amp;status=all">All issues seen in this release</a></p>
<h2>New issues</h2>${stats.newIssues.length ? html`<table class="issues"><tbody>${stats.newIssues.map(
    (i) => html`<tr><td><a href="/issues/${i.id}/">${i.title}</a><div class="culprit">${i.culprit}</div></td><td class="muted">${shortId(project, i)}</td><td class="num">${i.times_seen}</td><td class="num">${timeTag(i.first_seen, ctx.timeZone, true)}</td></tr>`,
  )}</tbody></table>` : html`<p class="muted">None.</p>`}
<h2>Sessions</h2>${sessionRows.length ? html`<table class="sessions"><thead><tr><th scope="col">Status</th><th scope="col" class="num">Sessions</th></tr></thead><tbody>${sessionRows.map(([status, n]) => html`<tr><td>${status}</td><td class="num">${n}</td></tr>`)}</tbody></table>` : html`<p class="muted">No sessions counted for this release.</p>`}
<h2>Dropped by the SDK (client reports)</h2>${stats.dropped.length ? html`<table class="dropped"><thead><tr><th scope="col">Reason</th><th scope="col">Category</th><th scope="col" class="num">Count</th></tr></thead><tbody>${stats.dropped.map((d) => html`<tr><td>${d.reason}</td><td>${d.category}</td><td class="num">${d.quantity}</td></tr>`)}</tbody></table>` : html`<p class="muted">Nothing dropped.</p>`}`;
  return layout(`Release ${version}`, state, body);
}
