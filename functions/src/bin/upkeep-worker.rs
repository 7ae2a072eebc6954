//! The upkeep worker (the upkeep queue's event source mapping).
clientconnect_functions::job_main!(jobs::work_upkeep);
