import { consoleLevel, formatConsoleArgs } from '../console-format';
import { onConsole } from '../instrument/console';
import { onDomEvent } from '../instrument/dom';
import { onNavigation } from '../instrument/history';
import { onHttp } from '../instrument/http';
import { describeElement } from '../normalize';
import type { Integration } from '../types';
import { redactUrl } from '../url';

export interface BreadcrumbsOptions {
  /** Console calls, every level. @default true */
  console?: boolean;
  /** Clicks and typing (`ui.click`, `ui.input`) with a selector of the element. @default true */
  dom?: boolean;
  /** fetch requests. @default true */
  fetch?: boolean;
  /** XMLHttpRequests. @default true */
  xhr?: boolean;
  /** URL changes without a reload (pushState, replaceState, back/forward, hash). @default true */
  history?: boolean;
}

/** What a person clicks: the element named in a click breadcrumb when the target is inside one. */
const INTERACTIVE = 'a,button,label,select,[role=button]';

/** Same-origin URLs as paths: shorter, and what Sentry's UI shows. */
const relative = (url: string) => (url.indexOf(location.origin) ? url : url.slice(location.origin.length) || '/');

/**
 * Records what happened before an error: console output, clicks and typing, HTTP requests
 * and navigation. Each is added after anything it causes is captured, so an event does not
 * list its own cause twice.
 */
export const breadcrumbsIntegration = (options: BreadcrumbsOptions = {}): Integration => ({
  name: 'Breadcrumbs',
  setup(client) {
    // Each source is on unless its option is set to false.
    const on = (name: keyof BreadcrumbsOptions) => (options[name] !== undefined ? options[name] : true);
    const add = client.addBreadcrumb.bind(client);
    const off = [
      on('console') &&
        onConsole((method, args) =>
          add({ category: 'console', level: consoleLevel(method), message: formatConsoleArgs(args), data: { arguments: args, logger: 'console' } }),
        ),
      // A click on an icon or a <span> in a button names the button.
      on('dom') && onDomEvent((kind, target) => add({ category: `ui.${kind}`, message: describeElement((target as Element).closest?.(INTERACTIVE) || target) })),
      (on('fetch') || on('xhr')) &&
        onHttp(({ kind, method, url, status, error, duration }) => {
          if (!on(kind) || client.isOwnRequest(url)) return;
          add({
            type: 'http',
            category: kind,
            // An opaque response (no-cors) has status 0 but did not fail.
            level: error || status! >= 500 ? 'error' : status! >= 400 ? 'warning' : 'info',
            // No status_code for a request that got no response: the protocol has no 'none'.
            data: { method, url: redactUrl(url), ...(status ? { status_code: status } : {}), duration_ms: duration },
          });
        }),
      on('history') && onNavigation((from, to) => add({ category: 'navigation', data: { from: relative(redactUrl(from)), to: relative(redactUrl(to)) } })),
    ];
    return () => off.forEach((unsubscribe) => unsubscribe && unsubscribe());
  },
});
