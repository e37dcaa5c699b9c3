import { html } from '../html';
import { layout } from '../layout';
import type { PageState } from '../ui-context';

/** The token form; shown when the collector listens beyond loopback and the browser has no session. */
export function renderLogin(state: PageState, returnTo: string, failed: boolean): string {
  const body = html`<form class="login" method="post" action="/login">
<h1>Log in</h1>
<p class="muted">This collector is reachable from other machines. Paste its API token (printed at start, and in <code>collector.json</code>).</p>
${failed ? html`<p class="error-text" role="alert">That token is not valid.</p>` : ''}
<input type="hidden" name="csrf" value="${state.csrf}"><input type="hidden" name="return" value="${returnTo}">
<label for="token">API token</label><input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit" class="primary">Log in</button></form>`;
  return layout('Log in', { ...state, loggedIn: false }, body);
}
