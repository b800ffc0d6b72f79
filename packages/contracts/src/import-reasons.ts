// Chinese texts of the row-level import error reasons. The server stores reasons in English (the import row report,
// the CLI); the web UI and the Chinese error report show them through `importReasonZh`.

const exact: Record<string, string> = {
  required: '必填',
  'not one of the allowed values': '不是允许的取值',
  'not an amount in yuan (at most 2 decimals, not negative)': '不是有效的金额（元，最多 2 位小数，不能为负）',
  'not a whole number': '不是整数',
  'not a date (YYYY-MM-DD)': '不是有效日期（YYYY-MM-DD）',
  'not a billing period (YYYY-MM)': '不是有效账期（YYYY-MM）',
  'period before 2000-01': '账期早于 2000-01',
  'period in the future': '账期晚于当前月份',
  'invalid mobile number (11 digits, 1[3-9]x)': '手机号码无效（11 位，以 13-19 开头）',
  'invalid phone number': '电话号码无效',
  'invalid Unified Social Credit Code': '统一社会信用代码无效',
  'invalid resident ID number': '身份证号码无效',
  'invalid email address': '电子邮箱无效',
  'a key is needed: external ID, credit code or ID number': '需要外部编号、统一社会信用代码或身份证号码之一',
  'required (单位 / 个人)': '必填（单位 / 个人）',
  'an organisation has a credit code, not an ID number': '单位客户应填统一社会信用代码，而非身份证号码',
  'an individual has an ID number, not a credit code': '个人客户应填身份证号码，而非统一社会信用代码',
  'a key account must be an organisation': '大客户必须是单位客户',
  'only public customers have a subtype': '只有公众客户才有子类',
  'must be between 1 and 28': '必须在 1 到 28 之间',
  'before the start date': '早于开通日期',
  'external ID, credit code and ID number belong to different customers':
    '外部编号、统一社会信用代码与身份证号码分属不同客户',
  'already registered to a customer outside your scope': '已登记在您权限范围之外的客户名下',
  'differs from the registered customer': '与已登记客户的类型不一致',
  'org unit not found': '机构不存在',
  'outside your organisation': '不在您的机构范围内',
  'not an active account manager': '不是在职的客户经理',
  'the account manager works outside this org unit': '该客户经理不属于此机构',
  'customer not found': '客户不存在',
  'the account belongs to another customer': '该账户属于其他客户',
  'account not found': '账户不存在',
  'product offering not found': '产品不存在',
  'the service number belongs to another customer': '该服务号码属于其他客户',
};

const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^longer than (\d+) characters$/, (m) => `超过 ${m[1]} 个字符`],
  [/^duplicate of row (\d+)$/, (m) => `与第 ${m[1]} 行重复`],
];

/** The Chinese text of an import error reason; an unknown reason is answered as it is. */
export function importReasonZh(reason: string): string {
  const hit = exact[reason];
  if (hit) return hit;
  for (const [re, text] of patterns) {
    const m = re.exec(reason);
    if (m) return text(m);
  }
  return reason;
}
