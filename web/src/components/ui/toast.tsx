import * as React from 'react'
import * as ToastPrimitive from '@radix-ui/react-toast'
import { Link } from 'react-router'
import { CheckCircle2, AlertTriangle, X } from 'lucide-react'
import { cn } from '@/lib/utils'

type ToastVariant = 'success' | 'error' | 'info'
interface ToastItem {
  id: number
  title: string
  description?: string
  variant: ToastVariant
  action?: ToastAction
}

/** A link in a toast, e.g. to the post an action just changed. */
export interface ToastAction {
  label: string
  to: string
}

interface ToastApi {
  toast: (t: { title: string; description?: string; variant?: ToastVariant; action?: ToastAction }) => void
  success: (title: string, description?: string, action?: ToastAction) => void
  error: (title: string, description?: string) => void
}

const ToastContext = React.createContext<ToastApi | null>(null)

export function Toaster({ children }: { children: React.ReactNode }) {
  const [items, setItems] = React.useState<ToastItem[]>([])
  const nextId = React.useRef(1)

  const api = React.useMemo<ToastApi>(() => {
    const toast: ToastApi['toast'] = ({ title, description, variant = 'info', action }) =>
      setItems((prev) => [...prev.slice(-3), { id: nextId.current++, title, description, variant, action }])
    return {
      toast,
      success: (title, description, action) => toast({ title, description, variant: 'success', action }),
      error: (title, description) => toast({ title, description, variant: 'error' }),
    }
  }, [])

  return (
    <ToastContext.Provider value={api}>
      <ToastPrimitive.Provider swipeDirection="right" duration={5000}>
        {children}
        {items.map((t) => (
          <ToastPrimitive.Root
            key={t.id}
            data-testid="toast"
            data-variant={t.variant}
            duration={t.variant === 'error' || t.action ? 8000 : 4000}
            onOpenChange={(open) => {
              if (!open) setItems((prev) => prev.filter((x) => x.id !== t.id))
            }}
            className={cn(
              'group pointer-events-auto relative flex w-full items-start gap-3 overflow-hidden rounded-lg border bg-white p-4 pr-8 shadow-lg transition-all data-[swipe=move]:translate-x-[var(--radix-toast-swipe-move-x)]',
              t.variant === 'error' ? 'border-red-200' : 'border-zinc-200',
            )}
          >
            {t.variant === 'error' ? (
              <AlertTriangle className="mt-0.5 size-5 shrink-0 text-red-600" />
            ) : (
              <CheckCircle2 className={cn('mt-0.5 size-5 shrink-0', t.variant === 'success' ? 'text-emerald-600' : 'text-violet-600')} />
            )}
            <div className="grid gap-1">
              <ToastPrimitive.Title className="text-sm font-semibold text-zinc-900">{t.title}</ToastPrimitive.Title>
              {t.description && <ToastPrimitive.Description className="text-sm text-zinc-600">{t.description}</ToastPrimitive.Description>}
              {t.action && (
                <ToastPrimitive.Action altText={t.action.label} asChild>
                  <Link to={t.action.to} data-testid="toast-action" className="text-sm font-medium text-violet-700 underline underline-offset-2 hover:text-violet-900">
                    {t.action.label}
                  </Link>
                </ToastPrimitive.Action>
              )}
            </div>
            <ToastPrimitive.Close aria-label="Dismiss" className="absolute right-2 top-2 rounded p-1 text-zinc-400 hover:text-zinc-700">
              <X className="size-4" />
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport className="fixed bottom-0 right-0 z-[100] flex max-h-screen w-full flex-col gap-2 p-4 sm:max-w-sm" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  )
}

export function useToast(): ToastApi {
  const ctx = React.useContext(ToastContext)
  if (!ctx) throw new Error('useToast must be used inside <Toaster>')
  return ctx
}
