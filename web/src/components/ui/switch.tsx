import * as React from 'react'
import { cn } from '@/lib/utils'

/** An on/off toggle (role="switch"); `id` lets a <Label htmlFor> name it. */
export const Switch = React.forwardRef<
  HTMLButtonElement,
  Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, 'onChange'> & { checked: boolean; onCheckedChange: (v: boolean) => void }
>(({ checked, onCheckedChange, className, disabled, ...props }, ref) => (
  <button
    ref={ref}
    type="button"
    role="switch"
    aria-checked={checked}
    data-state={checked ? 'checked' : 'unchecked'}
    disabled={disabled}
    onClick={() => onCheckedChange(!checked)}
    className={cn(
      'relative inline-flex h-5 w-9 shrink-0 cursor-pointer items-center rounded-full transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50',
      checked ? 'bg-violet-600' : 'bg-zinc-300',
      className,
    )}
    {...props}
  >
    <span className={cn('pointer-events-none block size-4 rounded-full bg-white shadow-sm ring-0 transition-transform', checked ? 'translate-x-4.5' : 'translate-x-0.5')} />
  </button>
))
Switch.displayName = 'Switch'
