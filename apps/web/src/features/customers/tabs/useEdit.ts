import { App, Form } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../../api/client';
import { apiErrorText, applyServerErrors } from '../../../forms';
import { useT } from '../../../i18n';

/**
 * State and submit handler for an "edit this row" modal of the customer 360: PATCH of the changed fields only
 * (nothing is sent when nothing changed), server 400 details shown on the form fields, the 360 view and its history
 * refreshed on success. `patch` serves one-click row actions (suspend, resume...) the same way.
 */
export function useEdit<Row, V extends Record<string, unknown> = Record<string, unknown>>(
  onChanged: () => Promise<void>,
) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [editing, setEditing] = useState<Row | null>(null);

  const patch = useCallback(
    async (path: string, body: Record<string, unknown>, withForm = false): Promise<boolean> => {
      if (!Object.keys(body).length) return true;
      try {
        await api.patch(path, body);
        message.success(t('common.saved'));
        await onChanged();
        return true;
      } catch (err) {
        if (!withForm) {
          message.error(apiErrorText(err, t));
          return false;
        }
        const rest = applyServerErrors(form, err, t);
        if (rest.length) message.error(rest.join('; '));
        return false;
      }
    },
    [onChanged, form, message, t],
  );

  /** Submits the modal form: true closes it. */
  const save = useCallback(
    async (path: string, body: Record<string, unknown>) => {
      const ok = await patch(path, body, true);
      if (ok) setEditing(null);
      return ok;
    },
    [patch],
  );

  return { form, editing, setEditing, patch, save };
}
