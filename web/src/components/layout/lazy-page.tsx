import * as React from 'react'
import { Loader2 } from 'lucide-react'

/**
 * A page loaded on first use (React.lazy over a named export), shown with a small spinner while its chunk
 * arrives. The wrapper carries its own Suspense so the app shell stays on screen.
 */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(load: () => Promise<M>, name: K) {
  type Props = M[K] extends React.ComponentType<infer P> ? P : never
  const Lazy = React.lazy(async () => ({ default: (await load())[name] as React.ComponentType<Props> }))
  function Page(props: Props & React.JSX.IntrinsicAttributes) {
    return (
      <React.Suspense fallback={<PageLoading />}>
        <Lazy {...props} />
      </React.Suspense>
    )
  }
  Page.displayName = `Lazy(${name})`
  return Page
}

function PageLoading() {
  return (
    <div className="flex justify-center py-24 text-zinc-400" role="status" aria-label="Loading">
      <Loader2 className="size-5 animate-spin" />
    </div>
  )
}
