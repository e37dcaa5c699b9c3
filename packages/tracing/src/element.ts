/** A short CSS-like name for an element: `img#hero`, `p.intro.big`, `button` (its parent's for a text node). */
export function describeElement(node: Node | null | undefined): string | undefined {
  const el = node && (node.nodeType == 1 ? (node as Element) : node.parentElement);
  if (!el) return undefined;
  const classes = typeof el.className == 'string' ? el.className.trim().replace(/\s+/g, '.') : '';
  // Tag values longer than 200 characters are dropped by old Sentry servers.
  return (el.tagName.toLowerCase() + (el.id ? `#${el.id}` : classes ? `.${classes}` : '')).slice(0, 200);
}
