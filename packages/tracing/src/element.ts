/** A short CSS-like name for an element: `img#hero`, `p.intro.big`, `button` (its parent's for a text node). */
export function describeElement(node: Node | null | undefined): string | undefined {
  const el = node && (node.nodeType == 1 ? (node as Element) : node.parentElement);
  if (!el) return undefined;
  const classes = [...el.classList].join('.');
  // Tag values longer than 200 characters are dropped by old Sentry servers.
  return (el.localName + (el.id ? `#${el.id}` : classes ? `.${classes}` : '')).slice(0, 200);
}
