//! Small builders for DynamoDB transaction items and their expressions.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{
    AttributeValue, ConditionCheck, Delete, Put, ReturnValuesOnConditionCheckFailure,
    TransactWriteItem, Update,
};
use serde::Serialize;

use super::StoreError;

pub type Item = HashMap<String, AttributeValue>;

pub fn s(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

/// A domain value (an enum, a struct) as the attribute serde_dynamo stores it as.
pub fn attr<T: Serialize>(value: &T) -> Result<AttributeValue, StoreError> {
    serde_dynamo::to_attribute_value(value).map_err(StoreError::Unwritable)
}

pub fn to_item<T: Serialize>(value: &T) -> Result<Item, StoreError> {
    serde_dynamo::to_item(value).map_err(StoreError::Unwritable)
}

pub fn key(pk: impl Into<String>, sk: impl Into<String>) -> Item {
    HashMap::from([("pk".to_owned(), s(pk)), ("sk".to_owned(), s(sk))])
}

/// Names and values an expression refers to (`#name`, `:value`).
#[derive(Default, Clone)]
pub struct Refs {
    names: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

impl Refs {
    pub fn name(mut self, placeholder: &str, attribute: &str) -> Self {
        self.names
            .insert(placeholder.to_owned(), attribute.to_owned());
        self
    }

    pub fn value(mut self, placeholder: &str, value: AttributeValue) -> Self {
        self.values.insert(placeholder.to_owned(), value);
        self
    }

    pub fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    pub fn values(&self) -> Option<HashMap<String, AttributeValue>> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }
}

pub fn put(
    table: &str,
    item: Item,
    condition: Option<&str>,
    refs: Refs,
) -> Result<TransactWriteItem, StoreError> {
    let put = Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .set_condition_expression(condition.map(str::to_owned))
        .set_expression_attribute_names(refs.names())
        .set_expression_attribute_values(refs.values())
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .map_err(|error| StoreError::Request(error.to_string()))?;
    Ok(TransactWriteItem::builder().put(put).build())
}

pub fn update(
    table: &str,
    key: Item,
    update_expression: &str,
    condition: Option<&str>,
    refs: Refs,
) -> Result<TransactWriteItem, StoreError> {
    let update = Update::builder()
        .table_name(table)
        .set_key(Some(key))
        .update_expression(update_expression)
        .set_condition_expression(condition.map(str::to_owned))
        .set_expression_attribute_names(refs.names())
        .set_expression_attribute_values(refs.values())
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .map_err(|error| StoreError::Request(error.to_string()))?;
    Ok(TransactWriteItem::builder().update(update).build())
}

pub fn delete(
    table: &str,
    key: Item,
    condition: Option<&str>,
    refs: Refs,
) -> Result<TransactWriteItem, StoreError> {
    let delete = Delete::builder()
        .table_name(table)
        .set_key(Some(key))
        .set_condition_expression(condition.map(str::to_owned))
        .set_expression_attribute_names(refs.names())
        .set_expression_attribute_values(refs.values())
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .map_err(|error| StoreError::Request(error.to_string()))?;
    Ok(TransactWriteItem::builder().delete(delete).build())
}

/// A condition on an item the transaction does not change.
pub fn check(
    table: &str,
    key: Item,
    condition: &str,
    refs: Refs,
) -> Result<TransactWriteItem, StoreError> {
    let check = ConditionCheck::builder()
        .table_name(table)
        .set_key(Some(key))
        .condition_expression(condition)
        .set_expression_attribute_names(refs.names())
        .set_expression_attribute_values(refs.values())
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .build()
        .map_err(|error| StoreError::Request(error.to_string()))?;
    Ok(TransactWriteItem::builder().condition_check(check).build())
}

/// A condition that holds only while an item is as it was `read`: each of `names` with
/// the value it had (`attribute_not_exists` for one it lacked). Placeholders start with
/// `tag`, so the condition can join others in one expression. For an operator's
/// read-then-write over the whole table (the migration), so a change made between its
/// read and its write is never overwritten: the write is refused instead.
pub fn as_read<'a>(
    read: &Item,
    names: impl IntoIterator<Item = &'a str>,
    tag: &str,
    mut refs: Refs,
) -> (String, Refs) {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable();
    names.dedup();
    let mut terms = Vec::new();
    for (index, name) in names.into_iter().enumerate() {
        let (placeholder, value) = (format!("#{tag}{index}"), format!(":{tag}{index}"));
        refs = refs.name(&placeholder, name);
        match read.get(name) {
            Some(was) => {
                terms.push(format!("{placeholder} = {value}"));
                refs = refs.value(&value, was.clone());
            }
            None => terms.push(format!("attribute_not_exists({placeholder})")),
        }
    }
    if terms.is_empty() {
        terms.push("attribute_exists(pk)".to_owned());
    }
    (terms.join(" AND "), refs)
}

/// The condition that `read` is unchanged: every attribute it had, as it had it, and
/// none of `also` that it lacked (attributes a change could add).
pub fn unchanged<'a>(
    read: &'a Item,
    also: impl IntoIterator<Item = &'a str>,
    tag: &str,
) -> (String, Refs) {
    let names = read.keys().map(String::as_str).chain(also);
    as_read(read, names, tag, Refs::default())
}
