import { AppError, badRequest, conflict, invalidField, notFound } from '../../platform/errors';

export const segmentNotFound = () => notFound('campaigns.segment_not_found', 'Segment not found');
export const offerNotFound = () => notFound('campaigns.offer_not_found', 'Offer not found');
export const campaignNotFound = () => notFound('campaigns.not_found', 'Campaign not found');
export const unknownOffering = (code: string) =>
  invalidField('offeringCode', `no catalogue product ${code}`, 'campaigns.unknown_offering');
export const badValidity = () => invalidField('validTo', 'must not be before validFrom', 'campaigns.bad_validity');
export const stageIncomplete = (field: string) =>
  badRequest('campaigns.stage_incomplete', `${field}: required before the campaign moves on`, [
    { path: field, message: 'required before the campaign moves on' },
  ]);
export const wrongStage = (stage: string) =>
  conflict('campaigns.wrong_stage', `Not possible while the campaign is at stage ${stage}`);
export const taskNotFound = () => notFound('campaigns.task_not_found', 'Campaign task not found');
export const taskDone = () => conflict('campaigns.task_done', 'The task has already been recorded');
export const offerExpired = () =>
  new AppError('campaigns.offer_expired', 409, 'The offer is not valid during the campaign');
export const offerNotYetValid = () =>
  new AppError(
    'campaigns.offer_not_yet_valid',
    409,
    'The offer is not valid yet: the campaign cannot launch before it',
  );
export const offerNotApproved = () =>
  new AppError(
    'campaigns.offer_not_approved',
    409,
    "The offer discount is beyond its creator's authority and has not been approved",
  );
export const offerNotPending = () =>
  new AppError('campaigns.offer_not_pending', 409, 'The offer has already been decided');
export const ownOffer = () =>
  new AppError('campaigns.own_offer', 403, 'Nobody may approve or reject an offer they created');
export const offerOverAuthority = (maxPct: number) =>
  new AppError(
    'campaigns.offer_over_authority',
    403,
    `The offer discount is beyond your discount authority (at most ${maxPct}%)`,
  );
export const offerRejected = () =>
  new AppError('campaigns.offer_not_approved', 409, 'The offer was rejected and cannot be attached to a campaign');
export const tooDeep = (path: string) =>
  invalidField(path, 'segment groups nest at most 3 levels', 'campaigns.segment_too_deep');
