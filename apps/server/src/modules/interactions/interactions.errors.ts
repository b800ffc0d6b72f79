import { invalidField } from '../../platform/errors';

export const occurredInFuture = () => invalidField('occurredAt', 'lies in the future');
