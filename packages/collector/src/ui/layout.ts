import { html, type SafeHtml } from './html';
import type { PageState } from './ui-context';

/** The page frame: one stylesheet, one deferred script, the top bar; nothing inline (strict CSP). */
export function layout(title: string, state: PageState, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">
<title>${title} · Faultline</title>
<link rel="stylesheet" href="/_static/ui.css"><script src="/_static/ui.js" defer></script>
</head><body>
<header class="top"><a class="brand" href="/">Faultline</a><a href="/">Issues</a><a href="/performance/">Performance</a>${
    state.loggedIn ? html`<form method="post" action="/logout"><input type="hidden" name="csrf" value="${state.csrf}"><button type="submit">Log out</button></form>` : ''
  }</header>
<main id="main">${body}</main>
</body></html>
`.value;
}
