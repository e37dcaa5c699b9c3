/** A short CSS-like name for an element, as Sentry names it: `main#app > section.hero > img.pic`, up to three levels, up to an id. */
export function describeElement(node: Node | null | undefined): string | undefined {
  const parts: string[] = [];
  let el = node && (node.nodeType == 1 ? (node as Element) : node.parentElement);
  for (; el && parts.length < 3; el = el.parentElement) {
    const classes = typeof el.className == 'string' ? el.className.trim().replace(/\s+/g, '.') : '';
    parts.unshift(el.tagName.toLowerCase() + (el.id ? `#${el.id}` : classes ? `.${classes}` : ''));
    if (el.id) break;
  }
  return parts.join(' > ') || undefined;
}
