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
