//! Every secret the table keeps sealed, read a page at a time for the operator's
//! re-seal after a key rotation (`service::reseal`), each written back under the new key
//! only if it is still the value that was read.
//!
//! The sealed attributes (`grep -rn "seal(" shared/src`): a connection's tokens, the
//! invite link's token, a pending choice's grant and a connect's PKCE verifier. (The
//! sign-in's login cookie is sealed too, but lives in the browser for ten minutes.)

use aws_sdk_dynamodb::operation::update_item::UpdateItemError;
use serde::{Deserialize, Serialize};

use super::expr::{key, s, Item};
use super::{keys, Guarded, Store, StoreError};
use crate::domain::{ConnectionId, InvitationId, WorkspaceId};

/// The attributes that hold sealed values, whatever the item.
const SEALED_ATTRIBUTES: [&str; 5] = [
    "sealed_tokens",
    "sealed_token",
    "sealed_grant",
    "sealed_pkce_verifier",
    "sealed_link_token",
];

/// What a sealed value is, and so what it is sealed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealedKind {
    /// A connection's tokens (`WS#<ws>` / `CONN#…`).
    ConnectionTokens {
        workspace: WorkspaceId,
        connection: ConnectionId,
    },
    /// The workspace's invite link token (`WS#<ws>` / `INVITELINK`).
    InviteLink { workspace: WorkspaceId },
    /// The grant of accounts waiting for a choice (`CHOICE#<hash>`).
    Choice {
        workspace: WorkspaceId,
        hash: String,
    },
    /// A connect's PKCE verifier (`OSTATE#<hash>`).
    OAuthState {
        workspace: WorkspaceId,
        state_hash: String,
    },
    /// An open invitation's link token (`WS#<ws>` / `INVITE#<id>`), for its reminders.
    InvitationLink {
        workspace: WorkspaceId,
        invitation: InvitationId,
    },
}

/// One sealed value as read: where it is, what it is, and the value itself.
#[derive(Debug, Clone)]
pub struct SealedValue {
    pub pk: String,
    pub sk: String,
    pub attribute: &'static str,
    pub kind: SealedKind,
    pub value: String,
}

/// Where a scan of the table goes on: the key of the last item it read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanStart {
    pub pk: String,
    pub sk: String,
}

/// One page of the scan for sealed values.
#[derive(Debug, Default)]
pub struct SealedPage {
    pub values: Vec<SealedValue>,
    /// Items the page read (before the filter): what the scan's progress counts.
    pub scanned: u64,
    /// Where the next page starts; none after the last.
    pub next: Option<ScanStart>,
    /// Sealed attributes on items of no kind known here, by key.
    pub unknown: Vec<String>,
}

fn text(item: &Item, name: &str) -> Option<String> {
    item.get(name).and_then(|value| value.as_s().ok()).cloned()
}

/// The sealed values of one item, or why they cannot be placed.
fn sealed_values(item: &Item) -> Result<Vec<SealedValue>, String> {
    let (pk, sk) = (
        text(item, "pk").unwrap_or_default(),
        text(item, "sk").unwrap_or_default(),
    );
    let workspace = || -> Result<WorkspaceId, String> {
        text(item, "workspace_id")
            .and_then(|raw| raw.parse().ok())
            .or_else(|| keys::workspace_of(&pk))
            .ok_or_else(|| format!("{pk} / {sk}: no workspace"))
    };
    let mut found = Vec::new();
    for attribute in SEALED_ATTRIBUTES {
        let Some(value) = text(item, attribute) else {
            continue;
        };
        let kind = match attribute {
            "sealed_tokens" if sk.starts_with(keys::CONNECTION_PREFIX) => {
                SealedKind::ConnectionTokens {
                    workspace: workspace()?,
                    connection: text(item, "connection_id")
                        .and_then(|raw| raw.parse().ok())
                        .ok_or_else(|| format!("{pk} / {sk}: no connection id"))?,
                }
            }
            "sealed_token" if sk == keys::INVITE_LINK_SK => SealedKind::InviteLink {
                workspace: workspace()?,
            },
            "sealed_grant" if sk == keys::CHOICE_SK => SealedKind::Choice {
                workspace: workspace()?,
                hash: pk
                    .strip_prefix(&keys::choice_pk(""))
                    .ok_or_else(|| format!("{pk} / {sk}: not a choice's key"))?
                    .to_owned(),
            },
            "sealed_link_token" if sk.starts_with(keys::INVITE_PREFIX) => {
                SealedKind::InvitationLink {
                    workspace: workspace()?,
                    invitation: keys::invitation_of(&sk)
                        .ok_or_else(|| format!("{pk} / {sk}: not an invitation's key"))?,
                }
            }
            "sealed_pkce_verifier" if sk == keys::OAUTH_STATE_SK => SealedKind::OAuthState {
                workspace: workspace()?,
                state_hash: pk
                    .strip_prefix(&keys::oauth_state_pk(""))
                    .ok_or_else(|| format!("{pk} / {sk}: not a connect's key"))?
                    .to_owned(),
            },
            _ => {
                return Err(format!(
                    "{pk} / {sk}: {attribute} on an item of no known kind"
                ))
            }
        };
        found.push(SealedValue {
            pk: pk.clone(),
            sk: sk.clone(),
            attribute,
            kind,
            value,
        });
    }
    Ok(found)
}

impl Store {
    /// One page of a consistent scan of the whole table for sealed values, after
    /// `after` (from the start without one), reading at most `limit` items.
    pub async fn sealed_page(
        &self,
        after: Option<&ScanStart>,
        limit: i32,
    ) -> Result<SealedPage, StoreError> {
        let mut scan = self
            .db()
            .await
            .scan()
            .table_name(&self.table)
            .consistent_read(true)
            .limit(limit)
            .set_exclusive_start_key(after.map(|start| key(start.pk.clone(), start.sk.clone())))
            .projection_expression("#pk, #sk, #ws, #conn, #a0, #a1, #a2, #a3, #a4")
            .filter_expression(
                "attribute_exists(#a0) OR attribute_exists(#a1) OR attribute_exists(#a2) \
                 OR attribute_exists(#a3) OR attribute_exists(#a4)",
            )
            .expression_attribute_names("#pk", "pk")
            .expression_attribute_names("#sk", "sk")
            .expression_attribute_names("#ws", "workspace_id")
            .expression_attribute_names("#conn", "connection_id");
        for (index, attribute) in SEALED_ATTRIBUTES.iter().enumerate() {
            scan = scan.expression_attribute_names(format!("#a{index}"), *attribute);
        }
        let output = scan
            .send()
            .await
            .map_err(|error| StoreError::aws("Scan", error))?;
        let mut page = SealedPage {
            scanned: output.scanned_count.max(0) as u64,
            next: output
                .last_evaluated_key
                .as_ref()
                .filter(|last| !last.is_empty())
                .map(|last| ScanStart {
                    pk: text(last, "pk").unwrap_or_default(),
                    sk: text(last, "sk").unwrap_or_default(),
                }),
            ..SealedPage::default()
        };
        for item in output.items.unwrap_or_default() {
            match sealed_values(&item) {
                Ok(values) => page.values.extend(values),
                Err(why) => page.unknown.push(why),
            }
        }
        Ok(page)
    }

    /// Writes `resealed` in place of `read` if the value is still what was read
    /// (`Refused` when it changed meanwhile, or its item is gone).
    pub async fn replace_sealed(
        &self,
        read: &SealedValue,
        resealed: &str,
    ) -> Result<Guarded, StoreError> {
        let outcome = self
            .db()
            .await
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(read.pk.clone(), read.sk.clone())))
            .update_expression("SET #sealed = :resealed")
            .condition_expression("#sealed = :read")
            .expression_attribute_names("#sealed", read.attribute)
            .expression_attribute_values(":resealed", s(resealed))
            .expression_attribute_values(":read", s(&read.value))
            .send()
            .await;
        match outcome {
            Ok(_) => Ok(Guarded::Done),
            Err(error) => match error.into_service_error() {
                UpdateItemError::ConditionalCheckFailedException(_) => Ok(Guarded::Refused),
                other => Err(StoreError::aws("UpdateItem", other)),
            },
        }
    }

    /// How many items the table holds, as DynamoDB last counted them (about every six
    /// hours): what a scan's progress is measured against.
    pub async fn approximate_item_count(&self) -> Result<u64, StoreError> {
        let output = self
            .db()
            .await
            .describe_table()
            .table_name(&self.table)
            .send()
            .await
            .map_err(|error| StoreError::aws("DescribeTable", error))?;
        Ok(output
            .table
            .and_then(|table| table.item_count)
            .unwrap_or(0)
            .max(0) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(pairs: &[(&str, &str)]) -> Item {
        pairs
            .iter()
            .map(|(name, value)| (name.to_string(), s(*value)))
            .collect()
    }

    #[test]
    fn each_sealed_attribute_is_placed_by_its_item() {
        let connection = "0190a2b4-0000-7000-8000-000000000001";
        let values = sealed_values(&item(&[
            ("pk", "WS#ws-1"),
            ("sk", &format!("CONN#{connection}")),
            ("connection_id", connection),
            ("workspace_id", "ws-1"),
            ("sealed_tokens", "k1:abc"),
        ]))
        .unwrap();
        assert_eq!(
            values[0].kind,
            SealedKind::ConnectionTokens {
                workspace: "ws-1".parse().unwrap(),
                connection: connection.parse().unwrap()
            }
        );
        let values = sealed_values(&item(&[
            ("pk", "CHOICE#h1"),
            ("sk", "CHOICE"),
            ("workspace_id", "ws-1"),
            ("sealed_grant", "g"),
        ]))
        .unwrap();
        assert_eq!(
            values[0].kind,
            SealedKind::Choice {
                workspace: "ws-1".parse().unwrap(),
                hash: "h1".into()
            }
        );
        let values = sealed_values(&item(&[
            ("pk", "OSTATE#h2"),
            ("sk", "OSTATE"),
            ("workspace_id", "ws-1"),
            ("sealed_pkce_verifier", "v"),
        ]))
        .unwrap();
        assert_eq!(values[0].attribute, "sealed_pkce_verifier");
        let values = sealed_values(&item(&[
            ("pk", "WS#ws-1"),
            ("sk", "INVITELINK"),
            ("sealed_token", "t"),
        ]))
        .unwrap();
        assert_eq!(
            values[0].kind,
            SealedKind::InviteLink {
                workspace: "ws-1".parse().unwrap()
            }
        );
        assert!(
            sealed_values(&item(&[("pk", "X#1"), ("sk", "Y"), ("sealed_token", "t")])).is_err()
        );
    }
}
