import { App, Form } from 'antd';
import { useCallback, useRef } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../../api/client';
import { applyServerErrors } from '../../../forms';
import { useT } from '../../../i18n';

/**
 * Submit handler for a "add to this customer" modal: POST with an Idempotency-Key per create attempt,
 * server 400 details shown on the form fields, the 360 view refreshed on success.
 */
export function useCreate<V extends Record<string, unknown>>(path: string, onChanged: () => Promise<void>) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const key = useRef(newIdempotencyKey());

  const submit = useCallback(
    async (body: unknown): Promise<boolean> => {
      try {
        await api.post(path, body, { idempotencyKey: key.current });
        key.current = newIdempotencyKey();
        message.success(t('common.saved'));
        await onChanged();
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.status !== 0) key.current = newIdempotencyKey();
        const rest = applyServerErrors(form, err, t);
        if (rest.length) message.error(rest.join('; '));
        return false;
      }
    },
    [path, onChanged, form, message, t],
  );

  return { form, submit };
}
