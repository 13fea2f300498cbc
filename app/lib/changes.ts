/**
 * What changed between two versions of a record, field by field: the names of the fields that differ, and each
 * side narrowed to them. An audit entry records `before` and `after` like this; nothing changed, nothing to record.
 */
export function changedFields<T extends object>(before: T, after: T): { changed: (keyof T & string)[]; before: Partial<T>; after: Partial<T> } {
  const changed = (Object.keys(after) as (keyof T & string)[]).filter((key) => before[key] !== after[key]);
  const pick = (source: T) => Object.fromEntries(changed.map((key) => [key, source[key]])) as Partial<T>;
  return { changed, before: pick(before), after: pick(after) };
}
