import type * as React from 'react'
import * as SelectPrimitive from '@radix-ui/react-select'
import { Check, ChevronDown } from 'lucide-react'
import { cn } from '@/lib/utils'

export interface SelectOption {
  value: string
  label: string
  /** Shown before the label, in the list and in the trigger (e.g. an avatar). */
  icon?: React.ReactNode
  /** A second line under the label in the list only. */
  description?: string
}

/**
 * A single Radix select; `id` goes on the trigger so a <Label htmlFor> names it. The trigger may shrink below its
 * label (min-w-0), so a long option (a character's full name) is truncated instead of widening the page.
 */
export function Select({
  id,
  value,
  onValueChange,
  options,
  placeholder,
  disabled,
  className,
  invalid,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: {
  id?: string
  value: string | undefined
  onValueChange: (v: string) => void
  options: SelectOption[]
  placeholder?: string
  disabled?: boolean
  className?: string
  invalid?: boolean
  'aria-label'?: string
  'data-testid'?: string
}) {
  return (
    <SelectPrimitive.Root value={value || undefined} onValueChange={onValueChange} disabled={disabled}>
      <SelectPrimitive.Trigger
        id={id}
        aria-label={ariaLabel}
        aria-invalid={invalid || undefined}
        data-testid={testId}
        className={cn(
          'flex h-9 w-full min-w-0 items-center justify-between gap-2 rounded-md border border-zinc-300 bg-white px-3 py-1 text-left text-sm text-zinc-900 shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-violet-500 disabled:cursor-not-allowed disabled:opacity-50 data-[placeholder]:text-zinc-400 aria-[invalid=true]:border-red-500 cursor-pointer',
          className,
        )}
      >
        <span className="min-w-0 truncate [&>span]:flex [&>span]:min-w-0 [&>span]:items-center [&>span]:gap-2">
          <SelectPrimitive.Value placeholder={placeholder ?? 'Select…'} />
        </span>
        <SelectPrimitive.Icon asChild>
          <ChevronDown className="size-4 shrink-0 opacity-60" />
        </SelectPrimitive.Icon>
      </SelectPrimitive.Trigger>
      <SelectPrimitive.Portal>
        <SelectPrimitive.Content
          position="popper"
          sideOffset={4}
          className="relative z-50 max-h-[min(24rem,var(--radix-select-content-available-height))] min-w-[var(--radix-select-trigger-width)] overflow-hidden rounded-md border border-zinc-200 bg-white text-zinc-900 shadow-lg"
        >
          <SelectPrimitive.Viewport className="p-1">
            {options.map((o) => (
              <SelectPrimitive.Item
                key={o.value}
                value={o.value}
                className="relative flex w-full cursor-default select-none items-center rounded-sm py-1.5 pl-8 pr-2 text-sm outline-none data-[highlighted]:bg-violet-50 data-[highlighted]:text-violet-900 data-[disabled]:opacity-50"
              >
                <span className="absolute left-2 flex size-4 items-center justify-center">
                  <SelectPrimitive.ItemIndicator>
                    <Check className="size-4" />
                  </SelectPrimitive.ItemIndicator>
                </span>
                {o.icon || o.description ? (
                  <div className="grid min-w-0 gap-0.5">
                    <SelectPrimitive.ItemText className="flex min-w-0 items-center gap-2">
                      {o.icon}
                      <span className="truncate">{o.label}</span>
                    </SelectPrimitive.ItemText>
                    {o.description && <span className="text-xs text-zinc-500">{o.description}</span>}
                  </div>
                ) : (
                  <SelectPrimitive.ItemText>{o.label}</SelectPrimitive.ItemText>
                )}
              </SelectPrimitive.Item>
            ))}
          </SelectPrimitive.Viewport>
        </SelectPrimitive.Content>
      </SelectPrimitive.Portal>
    </SelectPrimitive.Root>
  )
}
