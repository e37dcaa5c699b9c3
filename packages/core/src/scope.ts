import type { Breadcrumb, CaptureContext, Event, Primitive, ScopeContext, SeverityLevel, User } from './types';

/**
 * What is known about the current situation: who the user is, tags, extra data,
 * contexts, level, fingerprint and the breadcrumbs that led here. Applied to every
 * event captured while it is current.
 */
export class Scope {
  _user: User | undefined;
  _tags: Record<string, Primitive> = {};
  _extra: Record<string, unknown> = {};
  _contexts: Record<string, Record<string, unknown>> = {};
  _level: SeverityLevel | undefined;
  _fingerprint: string[] | undefined;
  _breadcrumbs: Breadcrumb[] = [];

  setUser(user: User | null): this {
    this._user = user || undefined;
    return this;
  }

  getUser(): User | undefined {
    return this._user;
  }

  setTag(key: string, value: Primitive): this {
    return this.setTags({ [key]: value });
  }

  setTags(tags: Record<string, Primitive>): this {
    this._tags = { ...this._tags, ...tags };
    return this;
  }

  setExtra(key: string, value: unknown): this {
    return this.setExtras({ [key]: value });
  }

  setExtras(extras: Record<string, unknown>): this {
    this._extra = { ...this._extra, ...extras };
    return this;
  }

  /** null removes the context. */
  setContext(name: string, context: Record<string, unknown> | null): this {
    const next = { ...this._contexts };
    if (context) next[name] = context;
    else delete next[name];
    this._contexts = next;
    return this;
  }

  setLevel(level: SeverityLevel): this {
    this._level = level;
    return this;
  }

  setFingerprint(fingerprint: string[]): this {
    this._fingerprint = fingerprint;
    return this;
  }

  /** Keeps the newest `max` breadcrumbs. */
  addBreadcrumb(breadcrumb: Breadcrumb, max = 100): this {
    if (max <= 0) return this;
    const crumbs = this._breadcrumbs;
    crumbs.push(breadcrumb);
    // A negative count removes nothing.
    crumbs.splice(0, crumbs.length - max);
    return this;
  }

  getBreadcrumbs(): Breadcrumb[] {
    return this._breadcrumbs;
  }

  clearBreadcrumbs(): this {
    this._breadcrumbs = [];
    return this;
  }

  /**
   * Sets what the context gives; Sentry's `scope.update`. A callback gets this scope and may
   * return a scope or a context; a scope's fields are applied as a context.
   */
  update(captureContext: CaptureContext | undefined): this {
    let context = typeof captureContext == 'function' ? captureContext(this) : captureContext;
    // A scope's data as an event is a context (its breadcrumbs are not taken, as in Sentry). A
    // callback that returns this very scope applies it to itself: nothing changes.
    if (context instanceof Scope) context = context.applyToEvent({}) as ScopeContext;
    if (context) {
      const { user, tags, extra, contexts, level, fingerprint } = context;
      if (user !== undefined) this.setUser(user);
      if (tags) this.setTags(tags);
      if (extra) this.setExtras(extra);
      // Without contexts, for-in over undefined does nothing.
      for (const name in contexts) this.setContext(name, contexts![name]);
      if (level) this._level = level;
      if (fingerprint) this._fingerprint = fingerprint;
    }
    return this;
  }

  clear(): this {
    this._user = this._level = this._fingerprint = undefined;
    this._tags = {};
    this._extra = {};
    this._contexts = {};
    this._breadcrumbs = [];
    return this;
  }

  /** A copy whose changes do not reach this scope (the maps are replaced on write). */
  clone(): Scope {
    const copy = Object.assign(new Scope(), this);
    copy._breadcrumbs = this._breadcrumbs.slice();
    return copy;
  }

  /** Scope data under what the event already says: the event's own fields win. */
  applyToEvent(event: Event): Event {
    if (this._user) event.user = { ...this._user, ...event.user };
    event.tags = { ...(this._tags as Record<string, string>), ...event.tags };
    event.extra = { ...this._extra, ...event.extra };
    event.contexts = { ...this._contexts, ...event.contexts };
    if (this._level) event.level = this._level;
    // As Sentry: the event's own fingerprint, then the scope's.
    if (this._fingerprint) event.fingerprint = (event.fingerprint || []).concat(this._fingerprint);
    const own = Array.isArray(event.breadcrumbs) ? event.breadcrumbs : event.breadcrumbs ? event.breadcrumbs.values : [];
    const crumbs = this._breadcrumbs.concat(own);
    if (crumbs.length) event.breadcrumbs = { values: crumbs };
    return event;
  }
}
