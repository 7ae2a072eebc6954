//! The upkeep dispatcher (EventBridge Scheduler, every minute).
clientconnect_functions::job_main!(jobs::dispatch_upkeep);
