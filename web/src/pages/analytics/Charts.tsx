import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { compact, shortDate, type FollowerSeries, type PlatformRow, type PostBar } from './shape'

/**
 * The page's charts (Recharts). Every chart names its axes and has a legend, so a screenshot reads on its own.
 * Colours: reactions violet, shares sky, comments amber; channels take the palette in order.
 */
export const COLORS = { reactions: '#7c3aed', shares: '#0284c7', comments: '#d97706', views: '#059669' }
const PALETTE = ['#7c3aed', '#0284c7', '#d97706', '#059669', '#db2777', '#4b5563', '#65a30d', '#dc2626']
const AXIS = { fontSize: 11, fill: '#52525b' }

export function FollowersChart({ rows, lines }: { rows: Record<string, number>[]; lines: FollowerSeries[] }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" />
        <XAxis
          dataKey="at"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(t: number) => shortDate(new Date(t).toISOString())}
          tick={AXIS}
          label={{ value: 'Date', position: 'insideBottom', offset: -12, fontSize: 11, fill: '#71717a' }}
        />
        <YAxis
          tick={AXIS}
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => compact(v)}
          width={56}
          label={{ value: 'Followers', angle: -90, position: 'insideLeft', fontSize: 11, fill: '#71717a' }}
        />
        <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} formatter={(v) => compact(Number(v))} />
        <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        {lines.map((l, i) => (
          <Line
            key={l.key}
            type="monotone"
            dataKey={l.key}
            name={l.label}
            stroke={PALETTE[i % PALETTE.length]}
            strokeWidth={2}
            dot={rows.length < 40}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  )
}

export function EngagementChart({ bars }: { bars: PostBar[] }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" vertical={false} />
        <XAxis
          dataKey="label"
          tick={AXIS}
          interval="preserveStartEnd"
          label={{ value: 'Post (published)', position: 'insideBottom', offset: -12, fontSize: 11, fill: '#71717a' }}
        />
        <YAxis
          tick={AXIS}
          allowDecimals={false}
          width={56}
          tickFormatter={(v: number) => compact(v)}
          label={{ value: 'Engagement', angle: -90, position: 'insideLeft', fontSize: 11, fill: '#71717a' }}
        />
        <Tooltip
          labelFormatter={(_, payload) => {
            const bar = payload?.[0]?.payload as PostBar | undefined
            return bar ? `${new Date(bar.at).toLocaleString()} · ${bar.excerpt.slice(0, 60)}` : ''
          }}
        />
        <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <Bar dataKey="reactions" name="Reactions" stackId="e" fill={COLORS.reactions} isAnimationActive={false} />
        <Bar dataKey="shares" name="Shares" stackId="e" fill={COLORS.shares} isAnimationActive={false} />
        <Bar dataKey="comments" name="Comments" stackId="e" fill={COLORS.comments} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}

export function PlatformChart({ rows, name }: { rows: PlatformRow[]; name: (type: string) => string }) {
  const data = rows.map((r) => ({ ...r, name: name(r.platform) }))
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" vertical={false} />
        <XAxis dataKey="name" tick={AXIS} label={{ value: 'Platform', position: 'insideBottom', offset: -12, fontSize: 11, fill: '#71717a' }} />
        <YAxis
          tick={AXIS}
          allowDecimals={false}
          width={56}
          tickFormatter={(v: number) => compact(v)}
          label={{ value: 'Total', angle: -90, position: 'insideLeft', fontSize: 11, fill: '#71717a' }}
        />
        <Tooltip />
        <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
        <Bar dataKey="reactions" name="Reactions" fill={COLORS.reactions} isAnimationActive={false} />
        <Bar dataKey="shares" name="Shares" fill={COLORS.shares} isAnimationActive={false} />
        <Bar dataKey="comments" name="Comments" fill={COLORS.comments} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  )
}
