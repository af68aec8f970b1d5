// The rows comparing trax-sim with its peers (bench/peers.ts), all ratios of medians measured in one run.
type Sample = { rps: number; p99: number; non2xx: number; errors: number };
type Check = readonly [string, boolean | 'skip'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Targets of the issue-24 rows: a real payment at least a warmed stub's pace; --data at 0.8 of memory. */
const PAY_VS_WIREMOCK = 1.0;
const DATA_VS_MEMORY = 0.8;
const SUMMARY_VS_WIREMOCK = 1.8;

export function peerRows(
  rps: (key: string) => number,
  peerSamples: Map<string, Sample[]>,
  notes: Map<string, string>,
  labels: Map<string, string>,
): { lines: string[]; checks: Check[] } {
  const peer = (key: string) => {
    const ss = peerSamples.get(key);
    return ss?.length
      ? {
          rps: median(ss.map((s) => s.rps)),
          p99: median(ss.map((s) => s.p99)),
          bad: ss.reduce((n, s) => n + s.non2xx + s.errors, 0),
        }
      : undefined;
  };
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const lines = ['| peer (same run, same load) | req/s | p99 ms | trax-sim / peer |', '| --- | ---: | ---: | ---: |'];
  for (const [name, label] of labels) {
    for (const [kind, ours, what] of [
      ['get', 'summary', 'GET /alarm-com/api/billing/summary'],
      ['post', 'paymem', 'POST /alarm-com/api/billing/payments (trax-sim: --memory)'],
    ] as const) {
      const p = peer(`${name}-${kind}`);
      if (!p) continue;
      lines.push(
        `| ${label}: ${what}${p.bad ? ` (non-2xx/errors ${p.bad})` : ''} | ${fmt(p.rps)} | ${p.p99} | ${(rps(ours) / p.rps).toFixed(2)} |`,
      );
    }
  }
  for (const [name, note] of notes) lines.push(`| ${labels.get(name) ?? name} | ${note} | | |`);
  const wmGet = peer('wiremock-get');
  const wmPost = peer('wiremock-post');
  const skip = `WireMock ${notes.get('wiremock') ?? 'skipped (BENCH_SKIP_PEERS)'}`;
  const vs = (ours: string, p: { rps: number } | undefined, target: number, label: string): Check =>
    p
      ? [
          `${label} >= ${target}x: ${(rps(ours) / p.rps).toFixed(2)} (${fmt(rps(ours))} / ${fmt(p.rps)} req/s)`,
          rps(ours) >= target * p.rps,
        ]
      : [`${label}: ${skip}`, 'skip'];
  const checks: Check[] = [
    vs('paymem', wmPost, PAY_VS_WIREMOCK, 'payment (--memory) / warmed WireMock stub POST (no journal)'),
    [
      `payment with --data / with --memory >= ${DATA_VS_MEMORY}x: ${(rps('pay1000') / rps('paymem')).toFixed(2)} (${fmt(rps('pay1000'))} / ${fmt(rps('paymem'))} req/s)`,
      rps('pay1000') >= DATA_VS_MEMORY * rps('paymem'),
    ],
    vs('summary', wmGet, SUMMARY_VS_WIREMOCK, 'Billing summary / warmed WireMock stub GET (no journal)'),
  ];
  return { lines, checks };
}
