import type { ApiException, ApiFrame } from '../../api/serialize-event';
import { html, type SafeHtml } from '../html';

const location = (f: ApiFrame) => `${f.filename ?? f.absPath ?? '?'}${f.lineNo !== null ? `:${f.lineNo}` : ''}${f.colNo !== null ? `:${f.colNo}` : ''}`;

/** Source context with the frame's own line marked (`aria-current`, highlighted by the stylesheet). */
function sourceContext(f: ApiFrame): SafeHtml {
  if (!f.context.length) return html``;
  return html`<ol class="context">${f.context.map(
    ([n, text]) => html`<li class="${n === f.lineNo ? 'line current' : 'line'}"${n === f.lineNo ? html` aria-current="true"` : ''}><span class="lineno">${n}</span><code>${text}</code></li>`,
  )}</ol>`;
}

function frame(f: ApiFrame): SafeHtml {
  const summary = html`<summary><span class="fn">${f.function || '<anonymous>'}</span> <span class="at">at</span> <span class="file">${location(f)}</span>${f.inApp ? html` <span class="badge in-app">in app</span>` : ''}</summary>`;
  // The app's own frames open; library and runtime frames collapsed, one click away.
  return html`<li><details class="${f.inApp ? 'frame in-app' : 'frame system'}"${f.inApp ? html` open` : ''}>${summary}${sourceContext(f)}</details></li>`;
}

/** Frames with the one that threw first, as developers read a stack. */
const framesList = (frames: ApiFrame[]) => html`<ol class="frames">${[...frames].reverse().map(frame)}</ol>`;

function exception(v: ApiException, index: number): SafeHtml {
  const frames = v.stacktrace?.frames || [];
  const raw = v.rawStacktrace?.frames || [];
  const mechanism = v.mechanism ? html`<span class="badge">${v.mechanism.type || 'generic'}</span><span class="badge ${v.mechanism.handled === false ? 'unhandled' : 'handled'}">${v.mechanism.handled === false ? 'unhandled' : 'handled'}</span>` : '';
  return html`<section class="exception">
<h3>${index ? html`<span class="muted">Caused by</span> ` : ''}<span class="exc-type">${v.type || 'Error'}</span> ${mechanism}</h3>
<p class="exc-value">${v.value ?? ''}</p>
${frames.length ? framesList(frames) : html`<p class="muted">No stack trace.</p>`}
${raw.length ? html`<details class="raw-frames"><summary>Minified frames (as the browser reported them)</summary>${framesList(raw)}</details>` : ''}
</section>`;
}

/** The exception chain, the caught error first and then its causes in order. */
export function exceptionChain(values: ApiException[]): SafeHtml {
  return html`${[...values].reverse().map(exception)}`;
}

/** Symbolication and processing notes: what was missing, so the user knows what to upload. */
export function processingNotes(errors: Array<{ type: string; message?: string; url?: string }>): SafeHtml {
  if (!errors.length) return html``;
  return html`<section class="notes" aria-label="Processing notes"><h3>Processing notes</h3><ul>${errors.map(
    (e) => html`<li><code>${e.type}</code> ${e.message || ''}${e.url ? html` <span class="url">${e.url}</span>` : ''}</li>`,
  )}</ul></section>`;
}
