/** Compact numbers for the user's locale, e.g. 12.5K. */
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export function formatCompact(value: number): string {
  // Below a thousand these are counts of people: no fractions of a person.
  return compact.format(Math.abs(value) < 1000 ? Math.round(value) : value);
}

export function formatPercent(share: number): string {
  return percent.format(share);
}

const currencyFormats = new Map<string, Intl.NumberFormat>();

/**
 * Money in the user's locale, e.g. "€12,500" for (12500, 'EUR'): whole units, since forecasts
 * are estimates. `locale` defaults to the user's; exports pass a fixed one. A malformed currency
 * code falls back to "12.5K XY" instead of throwing.
 */
export function formatCurrency(value: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 });
    } catch {
      return `${formatCompact(value)} ${currency}`;
    }
    currencyFormats.set(key, format);
  }
  return format.format(value);
}

/** The text on an edge's label pill: its label and, when numbers are shown, its conversion rate. */
export function edgeLabelText(edge: { label?: string; conversionRate?: number; kind: string }, showMetrics: boolean): string {
  const rate = showMetrics && edge.kind !== 'feedback' && edge.conversionRate !== undefined ? formatPercent(edge.conversionRate) : '';
  return [edge.label ?? '', rate].filter(Boolean).join(' · ');
}
