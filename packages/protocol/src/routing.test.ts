import { describe, expect, it } from 'vitest';
import { zRoutingSettings } from './routing.js';
import { ROUTING_DEFAULTS } from './routing-defaults.js';

describe('routing settings', () => {
  it('default to the zod-free ROUTING_DEFAULTS the agent app uses', () => {
    expect(zRoutingSettings.parse({})).toEqual(ROUTING_DEFAULTS);
    expect(zRoutingSettings.parse({ overflow: { enabled: true } }).overflow).toEqual({
      ...ROUTING_DEFAULTS.overflow,
      enabled: true,
    });
  });
});
