import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Alert, MantineProvider, createTheme } from '@mantine/core';
import '@mantine/core/styles.css';
import './console.css';
import { App } from './app';

// Shade 8 of the primary colour keeps text on buttons and links above the WCAG AA contrast ratio.
// Alerts keep their tinted background but write title and message in the body colour, for contrast.
const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    Alert: Alert.extend({
      defaultProps: { variant: 'light' },
      styles: { title: { color: 'var(--mantine-color-text)' }, message: { color: 'var(--mantine-color-text)' } },
    }),
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <App />
    </MantineProvider>
  </StrictMode>,
);
