import { PlatformIcon } from '@/components/ui/platform-icon'
import type { PlatformDescriptor } from '@/lib/model'
import { cn } from '@/lib/utils'
import { needs } from './platforms'

/** The connect dialog's first step: every platform as a card, none chosen until the person picks one. */
export function PlatformPicker({ platforms, value, onPick, invalid }: { platforms: PlatformDescriptor[]; value: string; onPick: (type: string) => void; invalid?: boolean }) {
  return (
    <div role="radiogroup" aria-label="Platform" aria-invalid={invalid || undefined} className="grid gap-2 sm:grid-cols-2" data-testid="channel-platform-picker">
      {platforms.map((p) => (
        <button
          key={p.type}
          type="button"
          role="radio"
          aria-checked={value === p.type}
          data-testid="channel-platform-card"
          data-platform={p.type}
          onClick={() => onPick(p.type)}
          className={cn(
            'flex items-start gap-3 rounded-lg border p-3 text-left text-sm transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500',
            value === p.type ? 'border-violet-500 bg-violet-50' : 'border-zinc-200 bg-white hover:border-zinc-300 hover:bg-zinc-50',
          )}
        >
          <PlatformIcon platform={p.type} className="size-8 shrink-0 rounded-md" />
          <span className="grid min-w-0 gap-0.5">
            <span className="font-medium text-zinc-900">{p.displayName}</span>
            <span className="text-xs text-zinc-600">{needs(p)}</span>
          </span>
        </button>
      ))}
    </div>
  )
}
