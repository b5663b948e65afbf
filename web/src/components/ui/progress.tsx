import { cn } from '@/lib/utils'

/** A horizontal progress bar; `value` is 0..1, or null for an indeterminate (waiting) bar. */
export function Progress({ value, className, label, ...props }: { value: number | null; className?: string; label?: string } & React.HTMLAttributes<HTMLDivElement>) {
  const pct = value == null ? null : Math.round(Math.max(0, Math.min(1, value)) * 100)
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-zinc-100', className)}
      {...props}
    >
      {pct == null ? (
        <div className="absolute inset-y-0 left-0 w-1/3 animate-pulse rounded-full bg-violet-300" />
      ) : (
        <div className="h-full rounded-full bg-violet-600 transition-[width] duration-300" style={{ width: `${pct}%` }} />
      )}
    </div>
  )
}
