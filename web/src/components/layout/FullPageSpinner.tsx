import { Loader2 } from 'lucide-react'

export function FullPageSpinner() {
  return (
    <div className="flex h-full items-center justify-center" role="status" aria-live="polite">
      <Loader2 className="size-6 animate-spin text-violet-600" />
      <span className="sr-only">Loading…</span>
    </div>
  )
}
