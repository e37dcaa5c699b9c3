import { Scope } from './scope';
import type { ClientLike } from './types';

/**
 * The SDK's one piece of global state: the current client and the scope stack.
 * The bottom scope is the global one; `withScope` pushes a copy for its callback.
 */
const stack: Scope[] = [new Scope()];
let currentClient: ClientLike | undefined;

export function getCurrentScope(): Scope {
  return stack[stack.length - 1];
}

export function pushScope(): Scope {
  const scope = getCurrentScope().clone();
  stack.push(scope);
  return scope;
}

export function popScope(): void {
  if (stack.length > 1) stack.pop();
}

export function getClient<C extends ClientLike = ClientLike>(): C | undefined {
  return currentClient as C | undefined;
}

export function setClient(client: ClientLike | undefined): void {
  currentClient = client;
}
