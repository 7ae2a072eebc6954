//! What can go wrong talking to the table, with the whole cause kept for the log.

use aws_sdk_dynamodb::error::DisplayErrorContext;

/// A failed table operation. `Display` carries the SDK's full cause chain (through
/// `DisplayErrorContext`), which goes to the log and never to a caller.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DynamoDB {operation} failed: {cause}")]
    Aws {
        operation: &'static str,
        cause: String,
    },
    /// A stored item that cannot be read as what it should be (a name with a control
    /// character written past the API's checks, say): which item, which of its fields
    /// when that can be told, and why.
    #[error("{item} is unreadable: {cause}")]
    Unreadable {
        item: UnreadableItem,
        cause: serde_dynamo::Error,
    },
    #[error("a value could not be turned into an item: {0}")]
    Unwritable(serde_dynamo::Error),
    #[error("a request to the table could not be built: {0}")]
    Request(String),
    /// The table was busy (the item in another transaction, throttling, an internal
    /// error): the same write may succeed if tried again shortly.
    #[error("DynamoDB {operation} was busy: {cause}")]
    Contended {
        operation: &'static str,
        cause: String,
    },
    /// A transaction was refused by the condition of an item added without a refusal
    /// (see `store::transaction`): a condition the store gave no meaning to.
    #[error(
        "a transaction was refused by the condition of item {item}, which stands for no refusal"
    )]
    UnexpectedRefusal { item: usize },
}

/// Which stored item could not be read: its keys and, when one attribute is to blame,
/// that attribute's name (never its value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableItem {
    pub pk: String,
    pub sk: String,
    pub field: Option<String>,
}

impl std::fmt::Display for UnreadableItem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the item {} / {}", self.pk, self.sk)?;
        if let Some(field) = &self.field {
            write!(f, " (its field `{field}`)")?;
        }
        Ok(())
    }
}

impl StoreError {
    /// An SDK error of `operation`, its cause chain spelled out.
    pub fn aws<E: std::error::Error>(operation: &'static str, error: E) -> Self {
        StoreError::Aws {
            operation,
            cause: DisplayErrorContext(error).to_string(),
        }
    }

    /// A write the table was too busy for, which may go through when tried again.
    pub fn contended<E: std::error::Error>(operation: &'static str, error: E) -> Self {
        StoreError::Contended {
            operation,
            cause: DisplayErrorContext(error).to_string(),
        }
    }

    /// Whether trying the same write again at once may succeed.
    pub fn is_contended(&self) -> bool {
        matches!(self, StoreError::Contended { .. })
    }
}
