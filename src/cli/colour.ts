// ANSI colour for the readable views: whether to use it (a TTY, NO_COLOR, FORCE_COLOR, TERM=dumb,
// or the user's --color / --no-color) and the few styles hearsay uses. Plain text otherwise.

export interface Palette {
  enabled: boolean;
  source(s: string): string;
  cue(s: string): string;
  content(s: string): string;
  label(s: string): string;
  dim(s: string): string;
  heading(s: string): string;
  warn(s: string): string;
}

/** https://no-color.org: NO_COLOR set and not empty turns colour off; an explicit flag wins. */
export function wantColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag?: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

const sgr = (open: string, close: string) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const identity = (s: string): string => s;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { enabled, source: identity, cue: identity, content: identity, label: identity, dim: identity, heading: identity, warn: identity };
  return {
    enabled,
    source: sgr('1;36', '22;39'),
    cue: sgr('1;33', '22;39'),
    content: sgr('32', '39'),
    label: sgr('2', '22'),
    dim: sgr('2', '22'),
    heading: sgr('1', '22'),
    warn: sgr('31', '39'),
  };
}
