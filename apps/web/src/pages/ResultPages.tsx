import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';

export function ForbiddenPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('result.forbidden')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('result.backHome')}
        </Button>
      }
    />
  );
}

export function NotFoundPage({ message }: { message?: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="404"
      subTitle={message ?? t('result.notFound')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('result.backHome')}
        </Button>
      }
    />
  );
}
