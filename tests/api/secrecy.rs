//! The raw link token lives only in the email: never in the table, logs or responses.

use crate::helpers::{captured_logs, TestApp, User};

#[tokio::test]
async fn the_raw_token_is_in_no_table_item_no_log_line_and_no_response() {
    let app = TestApp::spawn().await;
    let client = User::new("client");
    let (id, link_token) = app.invite_and_read_link(&client).await;
    let preview = app.preview(&link_token).await;
    let accepted = app.accept(&client, &link_token).await;
    let listed = app.list(&app.owner, &[]).await;
    let resend_refused = app.resend(&app.owner, &id).await;

    let items = format!("{:?}", app.all_table_items().await);
    assert!(
        !items.contains(&link_token),
        "a table item holds the raw token"
    );
    assert!(items.contains(&id), "the scan did read this test's items");

    let logs = captured_logs();
    assert!(
        logs.contains(&id),
        "the log capture did record this test's requests"
    );
    assert!(
        !logs.contains(&link_token),
        "a log line holds the raw token"
    );
    assert!(
        !logs.contains("/invite?token="),
        "a log line holds a full link"
    );

    for reply in [&preview, &accepted, &listed, &resend_refused] {
        assert!(!reply.body.to_string().contains(&link_token));
    }
}
