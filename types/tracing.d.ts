// Tracing (upstream core/tracing): DUMBO_LOG_LEVEL / DUMBO_LOG_STYLE, docs/tracing.md.

/** Colour helpers over ansis; `color.level = 0` turns colours off, `1` on. */
export declare const color: {
  level: 0 | 1;
  hex: (value: string) => (text: string) => string;
  red: (value: string) => string;
  green: (value: string) => string;
  blue: (value: string) => string;
  cyan: (value: string) => string;
  yellow: (value: string) => string;
};

/** Coloured, indented JSON-like text (functions and symbols left out). */
export declare const prettyJson: (
  obj: unknown,
  options?: {
    handleMultiline?: boolean;
  },
) => string;

/**
 * Prints `{ name, timestamp, ...attributes }` through console.info / log / warn / error
 * when DUMBO_LOG_LEVEL lets the event's level through (INFO and LOG: all; WARN: warn and
 * error; ERROR, the default: error; DISABLED: none).
 */
export declare const tracer: {
  (): void;
  info(eventName: string, attributes?: Record<string, any>): void;
  warn(eventName: string, attributes?: Record<string, any>): void;
  log(eventName: string, attributes?: Record<string, any>): void;
  error(eventName: string, attributes?: Record<string, any>): void;
};

export type LogLevel = 'DISABLED' | 'INFO' | 'LOG' | 'WARN' | 'ERROR';
export declare const LogLevel: {
  DISABLED: LogLevel;
  INFO: LogLevel;
  LOG: LogLevel;
  WARN: LogLevel;
  ERROR: LogLevel;
};
export type LogType = 'CONSOLE';
export type LogStyle = 'RAW' | 'PRETTY';
export declare const LogStyle: {
  RAW: LogStyle;
  PRETTY: LogStyle;
};
