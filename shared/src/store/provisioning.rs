//! What the host product tells us about its workspaces: the workspace's settings and
//! its agency members. Each write records its change in the same transaction.

use aws_sdk_dynamodb::types::TransactWriteItem;

use super::expr::{attr, delete, key, n, put, to_item, update, Refs};
use super::items::MemberItem;
use super::transaction::Transaction;
use super::{keys, Guarded, Store, StoreError};
use crate::domain::{Change, Member, MemberStatus, Role, UserId, Workspace, WorkspaceId};

/// How provisioning an agency member went.
#[derive(Debug, PartialEq, Eq)]
pub enum MemberProvisioned {
    Done,
    /// The person is one of the workspace's clients' people.
    ClientsPerson,
    /// The workspace was deleted meanwhile.
    WorkspaceGone,
    /// Another change wrote the member or the workspace at the same moment.
    Changed,
}

impl Store {
    /// Creates the workspace or changes its settings, keeping its seat version but
    /// moving it on: a seat counted under the old settings is counted again.
    pub async fn provision_workspace(
        &self,
        workspace: &Workspace,
        changes: &[Change],
    ) -> Result<(), StoreError> {
        let mut item = to_item(workspace)?;
        item.remove("workspace_id");
        let mut refs = Refs::default()
            .name("#id", "workspace_id")
            .value(":id", super::expr::s(workspace.id.as_str()))
            .value(":zero", n(0))
            .value(":one", n(1));
        let mut sets = vec![
            "#id = :id".to_owned(),
            "seat_version = if_not_exists(seat_version, :zero) + :one".to_owned(),
        ];
        let mut removes = Vec::new();
        for (index, name) in [
            "name",
            "plan",
            "seats",
            "clients_may_disconnect",
            "logo_url",
            "reminders",
            "display_name",
            "accent_colour",
            "language",
        ]
        .into_iter()
        .enumerate()
        {
            refs = refs.name(&format!("#f{index}"), name);
            match item.remove(name) {
                Some(value) if !value.is_null() => {
                    refs = refs.value(&format!(":f{index}"), value);
                    sets.push(format!("#f{index} = :f{index}"));
                }
                _ => removes.push(format!("#f{index}")),
            }
        }
        let mut expression = format!("SET {}", sets.join(", "));
        if !removes.is_empty() {
            expression.push_str(&format!(" REMOVE {}", removes.join(", ")));
        }
        let mut items = vec![update(
            &self.table,
            key(keys::workspace_pk(&workspace.id), keys::META_SK),
            &expression,
            None,
            refs,
        )?];
        items.extend(self.recording(changes)?);
        match self.transact_guarded(items).await? {
            Guarded::Done => Ok(()),
            Guarded::Refused => Err(StoreError::Request(
                "the workspace changed meanwhile".into(),
            )),
        }
    }

    /// Adds or changes an agency member, moving the workspace's seat version on: a
    /// publishing invitation or join counted before this member arrived counts again
    /// (the member may have taken the seat it counted as free).
    pub async fn provision_member(
        &self,
        member: &Member,
        changes: &[Change],
    ) -> Result<MemberProvisioned, StoreError> {
        let item = to_item(&MemberItem::keyed(member))?;
        let mut transaction = Transaction::new(MemberProvisioned::Changed);
        transaction.guard(
            update(
                &self.table,
                key(keys::workspace_pk(&member.workspace_id), keys::META_SK),
                "SET seat_version = if_not_exists(seat_version, :zero) + :one",
                Some("attribute_exists(pk)"),
                Refs::default().value(":zero", n(0)).value(":one", n(1)),
            )?,
            MemberProvisioned::WorkspaceGone,
        );
        transaction.guard(
            put(
                &self.table,
                item,
                Some("attribute_not_exists(pk) OR #role <> :client"),
                Refs::default()
                    .name("#role", "role")
                    .value(":client", attr(&Role::Client)?),
            )?,
            MemberProvisioned::ClientsPerson,
        );
        transaction.add_all(self.recording(changes)?);
        self.run(transaction, MemberProvisioned::Done).await
    }

    /// Deactivates an agency member (`Refused`: no such agency member).
    pub async fn deactivate_member(
        &self,
        workspace: &WorkspaceId,
        user: &UserId,
        changes: &[Change],
    ) -> Result<Guarded, StoreError> {
        let items = vec![update(
            &self.table,
            key(keys::workspace_pk(workspace), keys::member_sk(user)),
            "SET #status = :deactivated",
            Some("attribute_exists(pk) AND #role <> :client"),
            Refs::default()
                .name("#status", "status")
                .name("#role", "role")
                .value(":deactivated", attr(&MemberStatus::Deactivated)?)
                .value(":client", attr(&Role::Client)?),
        )?];
        self.transact_recorded(items, changes).await
    }

    /// Takes the workspace away (its settings item): from this write on, nobody can
    /// act in it; what it held is then closed item by item.
    pub async fn remove_workspace(
        &self,
        workspace: &WorkspaceId,
        changes: &[Change],
    ) -> Result<Guarded, StoreError> {
        let items: Vec<TransactWriteItem> = vec![delete(
            &self.table,
            key(keys::workspace_pk(workspace), keys::META_SK),
            Some("attribute_exists(pk)"),
            Refs::default(),
        )?];
        self.transact_recorded(items, changes).await
    }

    /// Ends the workspace's invite link: the link and the pointer its address leads
    /// through (a workspace made again under the same id starts without one).
    pub async fn end_invite_link(&self, workspace: &WorkspaceId) -> Result<(), StoreError> {
        let Some(link) = self.invite_link(workspace).await? else {
            return Ok(());
        };
        let items = vec![
            delete(
                &self.table,
                key(keys::workspace_pk(workspace), keys::INVITE_LINK_SK),
                None,
                Refs::default(),
            )?,
            delete(
                &self.table,
                key(keys::join_pk(&link.token_hash), keys::SECRET_SK),
                None,
                Refs::default(),
            )?,
        ];
        match self.transact_guarded(items).await? {
            Guarded::Done => Ok(()),
            Guarded::Refused => Err(StoreError::Request(
                "the invite link changed meanwhile".into(),
            )),
        }
    }

    /// Deactivates a member of a workspace being deleted, agency or a client's person.
    pub async fn deactivate_for_deletion(
        &self,
        workspace: &WorkspaceId,
        user: &UserId,
    ) -> Result<(), StoreError> {
        self.db()
            .await
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(
                keys::workspace_pk(workspace),
                keys::member_sk(user),
            )))
            .update_expression("SET #status = :deactivated")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":deactivated", attr(&MemberStatus::Deactivated)?)
            .send()
            .await
            .map_err(|error| StoreError::aws("UpdateItem", error))?;
        Ok(())
    }
}
