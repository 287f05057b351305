// Notifiers land here.
