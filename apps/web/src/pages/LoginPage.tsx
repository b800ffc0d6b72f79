import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { useAuth } from '../auth';
import { useT } from '../i18n';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { Logo } from '../layout/Logo';

type LoginValues = { username: string; password: string };

function errorKey(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 401) return 'login.error.credentials';
    if (err.status === 429) return 'login.error.rateLimited';
    if (err.status === 0) return 'common.error.network';
  }
  return 'login.error.generic';
}

export function LoginPage() {
  const t = useT();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  if (user) return <Navigate to={target} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(target, { replace: true });
    } catch (err) {
      setError(errorKey(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="crm-login">
      <div className="crm-login-lang">
        <LanguageSwitch />
      </div>
      <div className="crm-login-main">
        <div className="crm-login-brand">
          <Logo size={44} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
        </div>
        <Card className="crm-login-card" variant="borderless">
          <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 24 }}>
            {t('login.title')}
          </Typography.Title>
          {error ? (
            <Alert
              type="error"
              showIcon
              message={t(error)}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
              role="alert"
            />
          ) : null}
          <Form<LoginValues> layout="vertical" size="large" requiredMark={false} onFinish={onFinish} autoComplete="on">
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.username.required') }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder={t('login.username.placeholder')}
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.password.required') }]}
            >
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('login.password.placeholder')}
                autoComplete="current-password"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} style={{ marginTop: 8 }}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="crm-login-hint">
            {t('login.demoHint', { username: 'am1', password: 'demo1234' })}
          </Typography.Paragraph>
        </Card>
        <Typography.Text type="secondary" className="crm-login-footer">
          {t('login.footer')}
        </Typography.Text>
      </div>
    </div>
  );
}
