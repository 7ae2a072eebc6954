//! The scheduled refresher (EventBridge Scheduler, every 5 minutes).
clientconnect_functions::job_main!(jobs::refresh_connections);
