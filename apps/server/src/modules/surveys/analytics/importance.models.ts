// Derived importance of service attributes for the importance-performance matrix, in one unit whatever its source:
// the change of the satisfaction construct's score, in standard deviations, per standard deviation of the attribute.
// - An indicator of the fitted PLS model: its outer weight times the total effect of its construct on the CSI
//   construct (the importance of importance-performance map analysis; 1 for the CSI construct's own indicators).
// - Any other attribute: its standardised coefficient in the multiple regression of the CSI score (or, without a PLS
//   model, of the overall satisfaction answer) on those attributes together, the same least squares that gives the
//   PLS path coefficients (a "key driver" regression, not a plain correlation).
import type { PlsFit } from './pls.models';
import { type Column, leastSquares, mean, sampleSd } from './stats.models';

export class ImportanceInputError extends Error {}

/**
 * The PLS importance of an indicator of `construct` for the target construct (default: the CSI one): outer weight x
 * total effect; undefined when the indicator is not in the fitted model.
 */
export function plsImportance(
  fit: PlsFit,
  construct: string,
  indicator: string,
  target = fit.csiVariable,
): number | undefined {
  const weight = fit.outerWeights[indicator];
  if (weight === undefined || !fit.lvs.includes(construct)) return undefined;
  const total =
    construct === target ? 1 : (fit.effects.find((e) => e.from === construct && e.to === target)?.total ?? 0);
  return weight * total;
}

const standardised = (x: Column): number[] => {
  const m = mean(x);
  const sd = sampleSd(x);
  return Array.from(x, (v) => (v - m) / sd);
};

/**
 * Standardised coefficients of the multiple regression of y on the columns (with an intercept). Throws when a column
 * is constant, the columns are collinear, or there are too few respondents for the number of attributes.
 */
export function regressionImportance(y: Column, xs: readonly Column[]): number[] {
  if (xs.length === 0) return [];
  if (y.length < xs.length + 2)
    throw new ImportanceInputError(`${y.length} respondents are too few for ${xs.length} attributes`);
  if (!(sampleSd(y) > 0)) throw new ImportanceInputError('the satisfaction scores do not vary');
  xs.forEach((x, i) => {
    if (!(sampleSd(x) > 0)) throw new ImportanceInputError(`attribute ${i + 1} does not vary`);
  });
  try {
    return leastSquares(standardised(y), xs.map(standardised), { intercept: true }).coef;
  } catch (err) {
    throw new ImportanceInputError((err as Error).message);
  }
}
