import type { DestinationKind } from '../../../../shared/directory.ts';

/** The app's accessible colours (app.css :root), for SVG, which cannot read CSS variables in every shell's print path. */
export const CHART_COLOURS = {
  ink: '#0b0c0c',
  inkSoft: '#3d4246',
  brand: '#005eb8',
  ok: '#00703c',
  warn: '#8a4b00',
  full: '#b10e1e',
  over: '#6b0010',
} as const;

type Texture = 'solid' | 'diagonal' | 'dots' | 'horizontal' | 'cross' | 'vertical' | 'back-diagonal' | 'checks';

/** Each kind of service has a colour and a texture of its own, so the stacked bars never rest on colour alone. */
const KIND_LOOK: Record<DestinationKind, { colour: string; texture: Texture }> = {
  pharmacy_first: { colour: CHART_COLOURS.brand, texture: 'solid' },
  urgent_treatment_centre: { colour: CHART_COLOURS.ok, texture: 'diagonal' },
  enhanced_access_hub: { colour: CHART_COLOURS.warn, texture: 'dots' },
  nhs_111: { colour: '#4c2c92', texture: 'horizontal' },
  emergency_999: { colour: CHART_COLOURS.full, texture: 'cross' },
  self_care: { colour: CHART_COLOURS.inkSoft, texture: 'vertical' },
  self_referral: { colour: '#00576b', texture: 'back-diagonal' },
  other: { colour: CHART_COLOURS.over, texture: 'checks' },
};

function textureMarks(texture: Texture) {
  const white = { stroke: '#fff', strokeWidth: 2 };
  switch (texture) {
    case 'solid':
      return null;
    case 'diagonal':
      return <path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" {...white} />;
    case 'back-diagonal':
      return <path d="M-2 6L2 10M0 0L8 8M6 -2L10 2" {...white} />;
    case 'horizontal':
      return <path d="M0 4H8" {...white} />;
    case 'vertical':
      return <path d="M4 0V8" {...white} />;
    case 'cross':
      return <path d="M0 4H8M4 0V8" stroke="#fff" strokeWidth={1.5} />;
    case 'dots':
      return <circle cx="4" cy="4" r="1.8" fill="#fff" />;
    case 'checks':
      return (
        <>
          <rect width="4" height="4" fill="#fff" fillOpacity={0.55} />
          <rect x="4" y="4" width="4" height="4" fill="#fff" fillOpacity={0.55} />
        </>
      );
  }
}

export function kindPatternId(prefix: string, kind: DestinationKind): string {
  return `${prefix}-${kind}`;
}

/** The <pattern>s for the kinds shown, to go in a chart's <defs>. */
export function KindPatterns({ prefix, kinds }: { prefix: string; kinds: readonly DestinationKind[] }) {
  return (
    <>
      {kinds.map((kind) => (
        <pattern key={kind} id={kindPatternId(prefix, kind)} patternUnits="userSpaceOnUse" width="8" height="8">
          <rect width="8" height="8" fill={KIND_LOOK[kind].colour} />
          {textureMarks(KIND_LOOK[kind].texture)}
        </pattern>
      ))}
    </>
  );
}

export function kindColour(kind: DestinationKind): string {
  return KIND_LOOK[kind].colour;
}
