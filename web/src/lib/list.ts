/** Moving through a list shown beside a detail pane (the Inbox and Review pages), without a DOM. */

/** The item j (+1) or k (-1) moves to from `currentId`; the first item when nothing is selected. */
export function step<T extends { id: string }>(order: T[], currentId: string | null, by: 1 | -1): T | undefined {
  if (order.length === 0) return undefined
  const at = order.findIndex((i) => i.id === currentId)
  if (at < 0) return order[0]
  return order[Math.min(order.length - 1, Math.max(0, at + by))]
}
