import { LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { TicketDetail } from '@crm/contracts';
import { Button, Card, List, message, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { safeHref } from '../../safe-href';
import { MAX_UPLOAD_BYTES, sd, UPLOAD_ACCEPT } from './api';

const sizeText = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${Math.ceil(bytes / 1024)} KB`);

/** The ticket's attachments: uploaded files (download) and TMF621 references (external links); upload while open. */
export function TicketAttachmentsCard({ ticket, onChange }: { ticket: TicketDetail; onChange: () => void }) {
  const t = useT();
  const { can } = useAuth();
  const [busy, setBusy] = useState(false);
  const writable =
    (can('tickets.write') || can('workorders.write')) &&
    ['acknowledged', 'inProgress', 'held', 'pending', 'resolved'].includes(ticket.status);
  const upload = async (file: File) => {
    if (file.size > MAX_UPLOAD_BYTES) {
      message.error(t('sd.att.tooLarge', { name: file.name }));
      return;
    }
    setBusy(true);
    try {
      await sd.attach(ticket.id, file);
      message.success(t('sd.att.uploaded', { name: file.name }));
      onChange();
    } catch (err) {
      message.error(apiErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('sd.att.title')}
      data-testid="ticket-attachments"
      extra={
        writable ? (
          <Upload
            showUploadList={false}
            accept={UPLOAD_ACCEPT}
            multiple
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="ticket-upload">
              {t('sd.att.upload')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {writable && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
          {t('sd.att.hint')}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={ticket.attachments}
        locale={{ emptyText: t('common.noData') }}
        renderItem={(a) => (
          <List.Item
            extra={
              <Typography.Text type="secondary">
                {a.stored && a.sizeBytes !== null ? sizeText(a.sizeBytes) : t('sd.att.reference')}
              </Typography.Text>
            }
          >
            <Space wrap>
              {a.stored ? <PaperClipOutlined /> : <LinkOutlined />}
              {!safeHref(a.url) ? (
                <Typography.Text title={a.url}>{a.name}</Typography.Text>
              ) : a.stored ? (
                <a href={safeHref(a.url)} download={a.name}>
                  {a.name}
                </a>
              ) : (
                <a href={safeHref(a.url)} target="_blank" rel="noopener noreferrer">
                  {a.name}
                </a>
              )}
              {a.description && <Typography.Text type="secondary">{a.description}</Typography.Text>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[a.createdByName, formatDateTime(a.createdAt)].filter(Boolean).join(' · ')}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
