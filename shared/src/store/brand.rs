//! A workspace's brand, as its owner or admin sets it from the agency's pages: only
//! the brand's own fields are written, never the plan or seats the host sets; the
//! change is recorded in the same transaction.

use super::expr::{attr, key, update, Refs};
use super::{keys, Guarded, Store, StoreError};
use crate::domain::{AccentColour, Change, DisplayName, LogoUrl, WorkspaceId};
use crate::lang::Lang;

/// The brand fields of a workspace; `None` removes a field (back to its default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrandFields {
    pub display_name: Option<DisplayName>,
    pub logo_url: Option<LogoUrl>,
    pub accent_colour: Option<AccentColour>,
    pub language: Lang,
}

impl Store {
    /// Writes the brand of an existing workspace with `changes` (`Refused`: it is
    /// gone).
    pub async fn set_brand(
        &self,
        workspace_id: &WorkspaceId,
        brand: &BrandFields,
        changes: &[Change],
    ) -> Result<Guarded, StoreError> {
        let mut refs = Refs::default()
            .name("#language", "language")
            .value(":language", attr(&brand.language)?);
        let mut sets = vec!["#language = :language".to_owned()];
        let mut removes = Vec::new();
        let optional = [
            (
                "display_name",
                brand.display_name.as_ref().map(attr).transpose()?,
            ),
            ("logo_url", brand.logo_url.as_ref().map(attr).transpose()?),
            (
                "accent_colour",
                brand.accent_colour.as_ref().map(attr).transpose()?,
            ),
        ];
        for (name, value) in optional {
            refs = refs.name(&format!("#{name}"), name);
            match value {
                Some(value) => {
                    refs = refs.value(&format!(":{name}"), value);
                    sets.push(format!("#{name} = :{name}"));
                }
                None => removes.push(format!("#{name}")),
            }
        }
        let mut expression = format!("SET {}", sets.join(", "));
        if !removes.is_empty() {
            expression.push_str(&format!(" REMOVE {}", removes.join(", ")));
        }
        let item = update(
            &self.table,
            key(keys::workspace_pk(workspace_id), keys::META_SK),
            &expression,
            Some("attribute_exists(pk)"),
            refs,
        )?;
        let mut items = vec![item];
        items.extend(self.recording(changes)?);
        self.transact_guarded(items).await
    }
}
