//! SES's events for the invitation emails (an EventBridge rule).
clientconnect_functions::job_main!(jobs::record_email_feedback);
