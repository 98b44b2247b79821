import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Process-wide Prometheus registry, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'warmdesk_' });
  return {
    registry,
    messagesStored: new Counter({
      name: 'warmdesk_messages_stored_total',
      help: 'Messages stored, by sender type',
      labelNames: ['sender'] as const,
      registers: [registry],
    }),
    socketConnections: new Gauge({
      name: 'warmdesk_socket_connections',
      help: 'Open realtime connections, by side',
      labelNames: ['side'] as const,
      registers: [registry],
    }),
    socketRejected: new Counter({
      name: 'warmdesk_socket_rejected_total',
      help: 'Socket events refused, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    routingDecisions: new Counter({
      name: 'warmdesk_routing_decisions_total',
      help: 'Routing decisions (assigned, queued, requeued, deferred, overflow, abandoned, ...)',
      labelNames: ['decision'] as const,
      registers: [registry],
    }),
    sendLatency: new Histogram({
      name: 'warmdesk_message_store_seconds',
      help: 'Time to store a message (socket send to ack)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
