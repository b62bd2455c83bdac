// What a Similarity threshold means, from the model's calibration table (GetCalibration): the
// false-match rate (FMR), the chance that one face of someone else reaches the threshold. Between
// table rows log10(FMR) is linear in Similarity, exactly as SimilarityCalibration.EstimatedFalseMatchRate
// interpolates on the server (docs/THRESHOLDS.md).
import { likeness } from './api.js';

let pending = null;

/** The calibration { ModelId, Points, PolicyFloor }, fetched once per page load. */
export function loadCalibration() {
  if (!pending) {
    pending = likeness('GetCalibration', {}).then(({ data }) => {
      data.Points = [...(data.Points || [])].sort((a, b) => a.Similarity - b.Similarity);
      return data;
    });
    pending.catch(() => { pending = null; });
  }
  return pending;
}

/**
 * FMR(t): below the first row the first row's rate, above the last the last's, else
 * FMR(t) = 10^(log10 FMR(a) + (t - a) / (b - a) × (log10 FMR(b) - log10 FMR(a))) for the rows a ≤ t < b.
 */
export function falseMatchRate(points, threshold) {
  if (!points || points.length === 0) return NaN;
  const t = Math.min(100, Math.max(0, Number(threshold)));
  const first = points[0];
  const last = points[points.length - 1];
  if (t <= first.Similarity) return first.FalseMatchRate;
  if (t >= last.Similarity) return last.FalseMatchRate;
  let i = 0;
  while (points[i + 1].Similarity <= t) i++;
  const a = points[i];
  const b = points[i + 1];
  const f = (t - a.Similarity) / (b.Similarity - a.Similarity);
  return 10 ** (Math.log10(a.FalseMatchRate) + f * (Math.log10(b.FalseMatchRate) - Math.log10(a.FalseMatchRate)));
}

/** Whether FMR(t) comes from the table's tail model rather than counted impostor pairs. */
export function isExtrapolated(points, threshold) {
  const measured = points.filter((p) => !p.Extrapolated);
  const highest = measured.length ? measured[measured.length - 1].Similarity : points[0].Similarity;
  return Number(threshold) > highest;
}

const twoDigits = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });

/** "1 in 10,000" for a rate of 1e-4; "every comparison" for 1. */
export function oneIn(rate) {
  if (!(rate > 0)) return 'unknown';
  if (rate >= 1) return 'every comparison';
  return `1 in ${twoDigits.format(1 / rate)}`;
}

/** A small number readable at any scale: 0.00031 → "0.00031", 1234.5 → "1,200". */
export function readable(value) {
  if (value === 0) return '0';
  if (value < 0.001) return value.toExponential(1);
  return twoDigits.format(value);
}
