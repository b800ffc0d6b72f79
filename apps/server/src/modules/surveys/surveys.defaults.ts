import type { Question } from './waves/questionnaire.models';

/** The callback questionnaire every operator starts with (quality staff publish their own versions later). */
export const defaultCallbackQuestionnaire: { code: string; titleZh: string; titleEn: string; questions: Question[] } = {
  code: 'callback',
  titleZh: '服务回访',
  titleEn: 'Service callback',
  questions: [
    {
      code: 'csat',
      type: 'csat',
      zh: '您对本次服务的处理结果满意吗？（1 非常不满意 - 5 非常满意）',
      en: 'How satisfied are you with how we handled your request? (1 very dissatisfied - 5 very satisfied)',
      required: true,
    },
    {
      code: 'recommend',
      type: 'recommend',
      zh: '您向亲友推荐我们的可能性有多大？（0-10）',
      en: 'How likely are you to recommend us to friends and family? (0-10)',
    },
    {
      code: 'reason',
      type: 'single_choice',
      zh: '影响您评价的主要原因',
      en: 'The main reason for your rating',
      options: [
        { code: 'slow', zh: '处理太慢', en: 'Too slow', dissatisfied: true },
        { code: 'unresolved', zh: '问题没有解决', en: 'Not resolved', dissatisfied: true },
        { code: 'attitude', zh: '服务态度', en: 'Staff attitude', dissatisfied: true },
        { code: 'fine', zh: '没有问题', en: 'No problem' },
      ],
    },
    { code: 'comment', type: 'text', zh: '其他意见或建议', en: 'Anything else you would like to tell us' },
  ],
};
