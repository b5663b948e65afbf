import { usePublicationMetrics } from '@/lib/analytics'
import { compact, labelledMetrics } from './shape'

/**
 * A published publication's own numbers under their platform's names (from its descriptor's metrics spec), with when
 * they were sampled. Nothing is shown before the first sample (the API answers 404 until then).
 */
export function PublicationNumbers({ publicationId }: { publicationId: string }) {
  const detail = usePublicationMetrics(publicationId)
  if (!detail.data?.sampledAt) return null
  const numbers = labelledMetrics(detail.data.metricsSpec, detail.data.metrics)
  if (numbers.length === 0) return null
  return (
    <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs" data-testid="publication-metrics" title={`Sampled ${new Date(detail.data.sampledAt).toLocaleString()}`}>
      {numbers.map((m) => (
        <div key={m.name} className="flex gap-1">
          <dt className="text-zinc-500">{m.label}</dt>
          <dd className="font-medium tabular-nums text-zinc-900">{compact(m.value)}</dd>
        </div>
      ))}
    </dl>
  )
}
