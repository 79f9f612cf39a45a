/**
 * The indicators of an application's logframe (outcomes → outputs →
 * indicators), flat and in logframe order, for the narrative report: the
 * grantee reports an actual value against each indicator's baseline and target.
 */
export interface LogframeIndicator {
  id: string;
  name: string;
  unit: string;
  baseline: string;
  target: string;
  outcomeId: string;
  outputId: string;
}

interface LogframeShape {
  outcomes?: ReadonlyArray<{
    id?: unknown;
    outputs?: ReadonlyArray<{ id?: unknown; indicators?: ReadonlyArray<{ id?: unknown; name?: unknown; unit?: unknown; baseline?: unknown; target?: unknown }> }>;
  }>;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Every indicator with an id, once (the first occurrence of a repeated id wins). Tolerates missing parts of stored JSON. */
export function logframeIndicators(content: unknown): LogframeIndicator[] {
  const shape = (content ?? {}) as LogframeShape;
  const seen = new Set<string>();
  const out: LogframeIndicator[] = [];
  for (const outcome of Array.isArray(shape.outcomes) ? shape.outcomes : []) {
    for (const output of Array.isArray(outcome?.outputs) ? outcome.outputs : []) {
      for (const indicator of Array.isArray(output?.indicators) ? output.indicators : []) {
        const id = text(indicator?.id);
        if (!id || seen.has(id)) continue;
        seen.add(id);
        out.push({
          id,
          name: text(indicator.name),
          unit: text(indicator.unit),
          baseline: text(indicator.baseline),
          target: text(indicator.target),
          outcomeId: text(outcome.id),
          outputId: text(output.id),
        });
      }
    }
  }
  return out;
}

/** The ids among `ids` that are not indicators of the logframe, in the order given. */
export function unknownIndicatorIds(content: unknown, ids: readonly string[]): string[] {
  const known = new Set(logframeIndicators(content).map((i) => i.id));
  return ids.filter((id) => !known.has(id));
}
