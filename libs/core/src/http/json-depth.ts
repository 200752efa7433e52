/**
 * How deep a request's JSON may nest. No form of the API comes near it (the deepest, an audience's free-form
 * `params`, is a few levels); far deeper bodies — a few KB of `{"a":{"a":…}}` fit under the body limit — overflowed
 * the stack of class-transformer's recursive copy, which answered them with a 500.
 */
export const MAX_JSON_DEPTH = 32;

/** A JSON container: an array or a plain object (not a Buffer, a stream or an upload's file). */
const isContainer = (value: unknown): value is object =>
  Array.isArray(value) ||
  (value !== null &&
    typeof value === 'object' &&
    [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null));

/** Whether a parsed JSON value nests arrays or plain objects deeper than `max` (walked without recursion). */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  if (!isContainer(value)) return false;
  const stack: Array<[object, number]> = [[value, 1]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (depth > max) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (isContainer(child)) stack.push([child, depth + 1]);
  }
  return false;
}
