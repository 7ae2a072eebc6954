//! The outbox's publisher (the table's stream, and every minute).
clientconnect_functions::job_main!(jobs::publish_events);
