/// Steady's schema, as an ordered list of migrations.
///
/// A shipped migration is never edited, reordered or removed: databases in the field have already applied it, and
/// `migrate()` refuses to run when an applied migration's name no longer matches. Change the schema by appending a
/// migration with the next version.
enum Migrations {
    static let all: [Migration] = [
        Migration(
            version: 1,
            name: "initial schema",
            statements: [
                .perEngine { engine in
                    """
                    CREATE TABLE events (
                        \(engine.eventIDColumn),
                        time_ns BIGINT NOT NULL,
                        kind TEXT NOT NULL,
                        severity TEXT NOT NULL,
                        service TEXT,
                        message TEXT NOT NULL,
                        attributes TEXT NOT NULL
                    )
                    """
                },
                .shared("CREATE INDEX events_time_idx ON events (time_ns)"),
                .shared("CREATE INDEX events_service_time_idx ON events (service, time_ns)"),
                .shared("CREATE INDEX events_kind_idx ON events (kind)"),
                .shared(
                    """
                    CREATE TABLE signal_rollups (
                        service TEXT NOT NULL,
                        minute_ns BIGINT NOT NULL,
                        requests DOUBLE PRECISION NOT NULL,
                        errors DOUBLE PRECISION NOT NULL,
                        latency_buckets TEXT NOT NULL,
                        latency_sum DOUBLE PRECISION NOT NULL,
                        latency_count DOUBLE PRECISION NOT NULL,
                        saturation_sum DOUBLE PRECISION NOT NULL,
                        saturation_max DOUBLE PRECISION,
                        saturation_readings BIGINT NOT NULL,
                        scrapes BIGINT NOT NULL,
                        PRIMARY KEY (service, minute_ns)
                    )
                    """
                ),
                // Retention deletes by minute across services.
                .shared("CREATE INDEX signal_rollups_minute_idx ON signal_rollups (minute_ns)"),
                .shared(
                    """
                    CREATE TABLE api_tokens (
                        id TEXT PRIMARY KEY,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        secret_hash TEXT NOT NULL UNIQUE,
                        created_ns BIGINT NOT NULL,
                        last_used_ns BIGINT
                    )
                    """
                ),
                .shared("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            ]
        ),
        Migration(
            version: 2,
            name: "sli buckets",
            statements: [
                .shared(
                    """
                    CREATE TABLE sli_buckets (
                        slo TEXT NOT NULL,
                        minute_ns BIGINT NOT NULL,
                        good DOUBLE PRECISION NOT NULL,
                        total DOUBLE PRECISION NOT NULL,
                        PRIMARY KEY (slo, minute_ns)
                    )
                    """
                ),
                .shared("CREATE INDEX sli_buckets_minute_idx ON sli_buckets (minute_ns)"),
            ]
        ),
        Migration(
            version: 3,
            name: "alert pipeline",
            statements: [
                .shared(
                    """
                    CREATE TABLE alerts (
                        fingerprint TEXT PRIMARY KEY,
                        labels TEXT NOT NULL,
                        annotations TEXT NOT NULL,
                        starts_ns BIGINT NOT NULL,
                        ends_ns BIGINT NOT NULL,
                        updated_ns BIGINT NOT NULL,
                        generator_url TEXT NOT NULL,
                        timeout BIGINT NOT NULL
                    )
                    """
                ),
                .shared("CREATE INDEX alerts_ends_idx ON alerts (ends_ns)"),
                .shared(
                    """
                    CREATE TABLE silences (
                        id TEXT PRIMARY KEY,
                        matchers TEXT NOT NULL,
                        starts_ns BIGINT NOT NULL,
                        ends_ns BIGINT NOT NULL,
                        updated_ns BIGINT NOT NULL,
                        created_by TEXT NOT NULL,
                        comment TEXT NOT NULL
                    )
                    """
                ),
                .shared(
                    """
                    CREATE TABLE notification_log (
                        receiver_key TEXT NOT NULL,
                        group_key TEXT NOT NULL,
                        firing TEXT NOT NULL,
                        resolved TEXT NOT NULL,
                        timestamp_ns BIGINT NOT NULL,
                        expires_ns BIGINT NOT NULL,
                        PRIMARY KEY (receiver_key, group_key)
                    )
                    """
                ),
                .shared(
                    """
                    CREATE TABLE outbox (
                        id TEXT PRIMARY KEY,
                        receiver TEXT NOT NULL,
                        integration TEXT NOT NULL,
                        integration_index BIGINT NOT NULL,
                        dedup_key TEXT NOT NULL,
                        notification TEXT NOT NULL,
                        state TEXT NOT NULL,
                        attempts BIGINT NOT NULL,
                        created_ns BIGINT NOT NULL,
                        next_attempt_ns BIGINT NOT NULL,
                        last_attempt_ns BIGINT,
                        last_error TEXT,
                        last_status BIGINT
                    )
                    """
                ),
                .shared("CREATE INDEX outbox_due_idx ON outbox (state, next_attempt_ns)"),
                .shared("CREATE INDEX outbox_created_idx ON outbox (created_ns)"),
            ]
        ),
        Migration(
            version: 4,
            name: "alert journal",
            statements: [
                .perEngine { engine in
                    """
                    CREATE TABLE alert_journal (
                        \(engine.journalSequenceColumn),
                        fingerprint TEXT NOT NULL,
                        labels TEXT NOT NULL,
                        annotations TEXT NOT NULL,
                        starts_ns BIGINT NOT NULL,
                        ends_ns BIGINT NOT NULL,
                        updated_ns BIGINT NOT NULL,
                        generator_url TEXT NOT NULL,
                        timeout BIGINT NOT NULL
                    )
                    """
                }
            ]
        ),
        Migration(
            version: 5,
            name: "alert log",
            statements: [
                .perEngine { engine in
                    "CREATE TABLE alert_log (\(engine.alertLogSequenceColumn), alerts \(engine.blobType) NOT NULL)"
                },
                .shared(
                    """
                    CREATE TABLE alert_snapshots (
                        generation BIGINT PRIMARY KEY,
                        covered_seq BIGINT NOT NULL,
                        alerts BIGINT NOT NULL,
                        created_ns BIGINT NOT NULL
                    )
                    """
                ),
                .perEngine { engine in
                    """
                    CREATE TABLE alert_snapshot_chunks (
                        generation BIGINT NOT NULL,
                        chunk BIGINT NOT NULL,
                        alerts \(engine.blobType) NOT NULL,
                        PRIMARY KEY (generation, chunk)
                    )
                    """
                },
            ]
        ),
    ]
}
