import { Badge } from '@/components/ui/badge'
import type { LoreUse } from '@/lib/model'

/** The lorebook entries a job's prompt used ("lore used"), with why each was activated. */
export function LoreUsed({ lore }: { lore?: LoreUse[] | null }) {
  if (!lore?.length) return null
  return (
    <div className="mt-2 flex flex-wrap items-center gap-1 text-xs text-zinc-500" data-testid="lore-used">
      <span>Lore used:</span>
      {lore.map((l, i) => (
        <Badge key={i} variant="secondary" title={`${l.reason} · ${l.position}`}>
          {l.name}
        </Badge>
      ))}
    </div>
  )
}
