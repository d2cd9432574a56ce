// Structured JSON logs (pino). Request-scoped children carry requestId and correlationId.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, name = 'peoplegraph'): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
