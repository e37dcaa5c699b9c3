/**
 * Replaces the parts of a message that vary between occurrences of the same error (numbers,
 * hex ids, UUIDs, URLs, quoted values) with placeholders, so "item 42" and "item 43" group together.
 */
export function normalizeValue(value: string): string {
  return value
    .slice(0, 1024)
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, '<url>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>')
    .replace(/\b0x[0-9a-f]+\b|\b[0-9a-f]{12,}\b/gi, '<hex>')
    .replace(/\d+(?:\.\d+)?/g, '<int>')
    .trim();
}
