import { registerJobHandler } from '../jobs/jobs.service';
import { DISPATCH_JOB, dispatchCampaign, GENERATE_JOB, generateContactList } from './campaigns.service';

/** Contact-list generation ({ campaignId, userId }) and the dispatch of messages ({ campaignId }); both idempotent. */
export function registerCampaignJobs(): void {
  registerJobHandler(GENERATE_JOB, ({ db, job }) => {
    const p = job.payload as { campaignId: number; userId: number };
    return generateContactList({ db, campaignId: p.campaignId, userId: p.userId });
  });
  registerJobHandler(DISPATCH_JOB, ({ db, job }) => {
    const p = job.payload as { campaignId: number };
    return dispatchCampaign({ db, campaignId: p.campaignId });
  });
}
