import { useInboxCount } from '@/lib/inbox'

/** The number of open inbox items, next to "Inbox" in the navigation; nothing when there are none. */
export function InboxCountBadge() {
  const count = useInboxCount()
  const open = count.data?.open ?? 0
  if (!open) return null
  return (
    <span className="ml-auto rounded-full bg-violet-500 px-1.5 py-0.5 text-[11px] font-semibold leading-none text-white" data-testid="inbox-count" aria-label={`${open} open`}>
      {open > 99 ? '99+' : open}
    </span>
  )
}
