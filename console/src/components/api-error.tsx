import { Alert } from '@mantine/core';
import { errorText, type ApiError } from '../api';

/** The API's refusal or failure, in its own words. */
export function ApiErrorAlert({ errors, title = 'The API did not answer this' }: { errors: ApiError[]; title?: string }) {
  if (!errors.length) return null;
  const forbidden = errors.some((e) => e.extensions?.code === 'FORBIDDEN');
  return (
    <Alert color={forbidden ? 'orange' : 'red'} title={forbidden ? 'Not allowed for your role' : title} role="alert">
      {errorText(errors)}
    </Alert>
  );
}
