import { useQuery } from '@tanstack/react-query'
import { ExternalLink } from 'lucide-react'
import { get } from '@/lib/api'

interface PublicLink {
  label: string
  url: string
}

/** Addresses Troupe serves for a channel (a public page, feeds), as full URLs anyone can open or subscribe to. */
export function PublicAddresses({ channelId }: { channelId: string }) {
  const links = useQuery({
    queryKey: ['channels', channelId, 'addresses'],
    queryFn: () => get<PublicLink[]>(`/api/v1/channels/${encodeURIComponent(channelId)}/addresses`),
    staleTime: 300_000,
  })
  if (!links.data?.length) return null
  const full = (url: string) => (url.startsWith('/') ? window.location.origin + url : url)
  return (
    <dl className="mt-2 grid gap-1 text-xs sm:grid-cols-[auto_minmax(0,1fr)] sm:gap-x-3" data-testid="channel-addresses">
      {links.data.map((l) => (
        <div key={l.url} className="contents">
          <dt className="font-medium text-zinc-600">{l.label}</dt>
          <dd className="min-w-0">
            <a
              href={full(l.url)}
              target="_blank"
              rel="noreferrer"
              className="inline-flex max-w-full items-center gap-1 break-all font-mono text-violet-700 hover:underline"
              data-testid="channel-address"
            >
              {full(l.url)} <ExternalLink className="size-3 shrink-0" aria-hidden="true" />
            </a>
          </dd>
        </div>
      ))}
    </dl>
  )
}
