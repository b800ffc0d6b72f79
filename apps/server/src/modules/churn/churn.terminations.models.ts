// Default configuration of the termination records: the competitor list an operator starts with.

/** The competitors every operator starts with (administrators add, rename or deactivate them). */
export const defaultCompetitors = [
  { code: 'china_mobile', nameZh: '中国移动', nameEn: 'China Mobile', sortOrder: 10 },
  { code: 'china_unicom', nameZh: '中国联通', nameEn: 'China Unicom', sortOrder: 20 },
  { code: 'china_broadnet', nameZh: '中国广电', nameEn: 'China Broadnet', sortOrder: 30 },
  { code: 'local_isp', nameZh: '地方宽带运营商', nameEn: 'Local broadband provider', sortOrder: 40 },
  { code: 'cloud_provider', nameZh: '云服务商', nameEn: 'Cloud provider', sortOrder: 50 },
] as const;

/** True when a date ("YYYY-MM-DD") lies after today (both Asia/Shanghai calendar dates). */
export const isAfter = (date: string, today: string) => date > today;
