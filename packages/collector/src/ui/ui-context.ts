import type { ApiContext } from '../api/api-context';
import type { Project } from '../store/projects';
import type { SessionAuth } from './session-auth';

/** What the UI's pages read: the API's stores (the UI never writes events), and how to show times. */
export interface UiContext {
  api: ApiContext;
  /** IANA zone for times rendered on the server (ui.js rewrites them to the browser's zone). */
  timeZone: string;
  /** Login and CSRF state. */
  auth: SessionAuth;
  dsnFor: (p: Project) => string;
}

/** Per request: the CSRF token the page's forms must send back, and whether a login is in force. */
export interface PageState {
  csrf: string;
  loggedIn: boolean;
}
