import { AppError, conflict, invalidField, notFound } from '../../platform/errors';

export const scorecardNotFound = () => notFound('kpi.not_found', 'Scorecard not found');
export const userNotFound = () =>
  new AppError('kpi.user_not_found', 400, 'No such account manager in your organisation', [
    { path: 'userId', message: 'not found' },
  ]);
export const alreadyConfirmed = () =>
  conflict('kpi.already_confirmed', 'The scorecard is confirmed: the month is frozen and cannot change');
export const periodFrozen = () =>
  conflict('kpi.period_frozen', "The account manager's scorecard of this month is confirmed: the month is frozen", [
    { path: 'period', message: 'frozen' },
  ]);
export const futurePeriod = () =>
  invalidField('period', 'a month that has not started yet cannot be scored', 'kpi.future_period');
export const invalidSettings = (details: { path: string; message: string }[]) =>
  new AppError('kpi.invalid_settings', 400, details.map((d) => d.message).join('; '), details);
export const ticketNotLinkable = () =>
  new AppError(
    'kpi.ticket_not_linkable',
    400,
    'The ticket is not a complaint whose responsibility record names this account manager',
    [{ path: 'ticketId', message: 'not a responsibility record of userId' }],
  );
