/**
 * Items grouped by a key, each group in the items' order, the groups in the order their keys first
 * appear (Node 20 has no Map.groupBy). `value` picks what a group keeps of each item (the item itself
 * by default). One pass: each group grows in place.
 */
export function groupBy<T, K, V = T>(items: Iterable<T>, key: (item: T) => K, value?: (item: T) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>()
  for (const item of items) {
    const k = key(item)
    const v = value ? value(item) : (item as unknown as V)
    const group = groups.get(k)
    if (group) group.push(v)
    else groups.set(k, [v])
  }
  return groups
}
