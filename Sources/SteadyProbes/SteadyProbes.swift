// Heartbeats and probes land here.
