//! A transaction whose outcome is typed: each item whose condition may refuse it is
//! added together with the refusal that condition stands for, so what a cancellation
//! meant is read back from those tags, never from the positions of the items.
//!
//! ```ignore
//! let mut transaction = Transaction::new(Joined::LinkChanged);
//! transaction.guard(link_still_enabled, Joined::LinkChanged);
//! transaction.guard(self.put_person(member, false)?, Joined::AlreadyMember);
//! transaction.add_all(self.recording(changes)?);
//! self.run(transaction, Joined::Done).await
//! ```

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{CancellationReason, TransactWriteItem};

use super::expr::Item;
use super::{Store, StoreError};

/// The code DynamoDB gives the item whose condition failed.
const CONDITION_FAILED: &str = "ConditionalCheckFailed";

/// The items of one transaction, each with the refusal its condition stands for.
pub(super) struct Transaction<R> {
    items: Vec<TransactWriteItem>,
    /// For each item, what its failed condition means; `None` for an item without a
    /// condition, whose failing would be a bug.
    refusals: Vec<Option<Refusal<R>>>,
    /// What a cancellation means when no condition failed: another transaction wrote
    /// one of the items at the same moment.
    raced: R,
}

/// What a failed condition means: a fixed outcome, or one read from the item as it was
/// (DynamoDB returns it with the failure).
enum Refusal<R> {
    Is(R),
    Read(fn(&Item) -> R),
}

impl<R> Transaction<R> {
    /// An empty transaction; `raced` is its outcome when it is cancelled with no
    /// condition failing (a conflict with another transaction).
    pub fn new(raced: R) -> Self {
        Self {
            items: Vec::new(),
            refusals: Vec::new(),
            raced,
        }
    }

    /// An item whose failed condition means `refusal`. When several conditions fail,
    /// the item added first decides: add the refusal that says most first.
    pub fn guard(&mut self, item: TransactWriteItem, refusal: R) {
        self.push(item, Some(Refusal::Is(refusal)));
    }

    /// An item whose failed condition means what `read` makes of the item as it was
    /// (e.g. the invitation that holds an email's guard).
    pub fn guard_reading(&mut self, item: TransactWriteItem, read: fn(&Item) -> R) {
        self.push(item, Some(Refusal::Read(read)));
    }

    /// Items without a condition (the record of the changes, a marker).
    pub fn add_all(&mut self, items: impl IntoIterator<Item = TransactWriteItem>) {
        for item in items {
            self.push(item, None);
        }
    }

    fn push(&mut self, item: TransactWriteItem, refusal: Option<Refusal<R>>) {
        self.items.push(item);
        self.refusals.push(refusal);
    }

    /// What the reasons of a cancellation mean: the refusal of the first item whose
    /// condition failed, or `raced` when none did. A failed condition on an item added
    /// without a refusal is an error: the store wrote a condition it gave no meaning.
    fn refusal(self, reasons: &[CancellationReason]) -> Result<R, StoreError> {
        let failed = reasons
            .iter()
            .enumerate()
            .find(|(_, reason)| reason.code() == Some(CONDITION_FAILED));
        let Some((index, reason)) = failed else {
            return Ok(self.raced);
        };
        match self.refusals.into_iter().nth(index).flatten() {
            Some(Refusal::Is(refusal)) => Ok(refusal),
            Some(Refusal::Read(read)) => Ok(read(reason.item().unwrap_or(&Item::new()))),
            None => Err(StoreError::UnexpectedRefusal { item: index }),
        }
    }
}

/// A string attribute of an item as it was when its condition failed.
pub(super) fn old_text(item: &Item, attribute: &str) -> Option<String> {
    item.get(attribute)?.as_s().ok().cloned()
}

impl Store {
    /// Writes the transaction: `done` when it was written, else the refusal it was
    /// refused with (see [`Transaction`]); `Err` only for a failure of the table.
    pub(super) async fn run<R>(
        &self,
        mut transaction: Transaction<R>,
        done: R,
    ) -> Result<R, StoreError> {
        let items = std::mem::take(&mut transaction.items);
        match self.write_all(items).await? {
            None => Ok(done),
            Some(reasons) => transaction.refusal(&reasons),
        }
    }

    /// Writes all of `items` or none: `None` when written, the cancellation's reasons
    /// (one per item) when a condition or another transaction stopped it.
    pub(super) async fn write_all(
        &self,
        items: Vec<TransactWriteItem>,
    ) -> Result<Option<Vec<CancellationReason>>, StoreError> {
        let sent = self
            .db()
            .await
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await;
        match sent {
            Ok(_) => Ok(None),
            Err(error) => match error.into_service_error() {
                TransactWriteItemsError::TransactionCanceledException(cancelled) => {
                    Ok(Some(cancelled.cancellation_reasons.unwrap_or_default()))
                }
                other => Err(StoreError::aws("TransactWriteItems", other)),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_dynamodb::types::AttributeValue;

    use super::*;

    #[derive(Debug, PartialEq)]
    enum Outcome {
        Raced,
        Taken,
        Gone,
        HeldBy(String),
    }

    fn item() -> TransactWriteItem {
        TransactWriteItem::builder().build()
    }

    fn passed() -> CancellationReason {
        CancellationReason::builder().code("None").build()
    }

    fn failed() -> CancellationReason {
        CancellationReason::builder().code(CONDITION_FAILED).build()
    }

    /// Items: a guard (`Taken`), a record without a condition, a guard (`Gone`), a guard
    /// whose refusal names the holder.
    fn transaction() -> Transaction<Outcome> {
        let mut transaction = Transaction::new(Outcome::Raced);
        transaction.guard(item(), Outcome::Taken);
        transaction.add_all([item()]);
        transaction.guard(item(), Outcome::Gone);
        transaction.guard_reading(item(), |old| {
            Outcome::HeldBy(old_text(old, "owner").unwrap_or_default())
        });
        transaction
    }

    #[test]
    fn a_failed_condition_means_the_refusal_its_item_was_added_with() {
        let reasons = [passed(), passed(), failed(), passed()];
        assert_eq!(transaction().refusal(&reasons).unwrap(), Outcome::Gone);
        let reasons = [failed(), passed(), passed(), passed()];
        assert_eq!(transaction().refusal(&reasons).unwrap(), Outcome::Taken);
    }

    #[test]
    fn of_several_failed_conditions_the_item_added_first_decides() {
        let reasons = [failed(), passed(), failed(), failed()];
        assert_eq!(transaction().refusal(&reasons).unwrap(), Outcome::Taken);
    }

    #[test]
    fn a_refusal_can_be_read_from_the_item_as_it_was() {
        let old = CancellationReason::builder()
            .code(CONDITION_FAILED)
            .item("owner", AttributeValue::S("client#c1".into()))
            .build();
        let reasons = [passed(), passed(), passed(), old];
        assert_eq!(
            transaction().refusal(&reasons).unwrap(),
            Outcome::HeldBy("client#c1".into())
        );
        let without_item = [passed(), passed(), passed(), failed()];
        assert_eq!(
            transaction().refusal(&without_item).unwrap(),
            Outcome::HeldBy(String::new())
        );
    }

    #[test]
    fn a_cancellation_without_a_failed_condition_is_a_race() {
        let conflict = CancellationReason::builder()
            .code("TransactionConflict")
            .build();
        let reasons = [passed(), passed(), conflict, passed()];
        assert_eq!(transaction().refusal(&reasons).unwrap(), Outcome::Raced);
        assert_eq!(transaction().refusal(&[]).unwrap(), Outcome::Raced);
    }

    #[test]
    fn a_failed_condition_on_an_item_without_a_refusal_is_an_error() {
        let reasons = [passed(), failed(), passed(), passed()];
        assert!(matches!(
            transaction().refusal(&reasons),
            Err(StoreError::UnexpectedRefusal { item: 1 })
        ));
        let beyond = [passed(), passed(), passed(), passed(), failed()];
        assert!(matches!(
            transaction().refusal(&beyond),
            Err(StoreError::UnexpectedRefusal { item: 4 })
        ));
    }
}
