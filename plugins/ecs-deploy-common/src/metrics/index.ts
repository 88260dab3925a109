export {
  deliveryFacts,
  deliveryFactsByEntry,
  type DeliveryFact,
} from './deliveryFacts';
export {
  computeDeliveryMetrics,
  deliveryMetricsOfFacts,
  deliveryMetricsWindow,
  type DeliveryMetricsOptions,
} from './deliveryMetrics';
