// Filled in by the ResilienceMetrics adapter.
