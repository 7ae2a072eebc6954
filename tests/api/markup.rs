//! Reading pages and emails as a browser does: parsed HTML, CSS selectors, and text
//! and attribute values with their entities decoded.

use scraper::{ElementRef, Html, Selector};

fn parse(page: &str) -> Html {
    Html::parse_document(page)
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|error| panic!("bad selector {css:?}: {error}"))
}

/// The text of an element, its white space folded.
fn text_of(element: ElementRef<'_>) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn value_of(element: ElementRef<'_>) -> String {
    element.value().attr("value").unwrap_or_default().to_owned()
}

/// The value of the first input of `scope` that `css` selects.
fn first_value(scope: ElementRef<'_>, css: &str) -> Option<String> {
    scope.select(&selector(css)).next().map(value_of)
}

/// What a person reads on the page (entities decoded, white space folded).
pub(crate) fn text(page: &str) -> String {
    text_of(parse(page).root_element())
}

/// Whether the page has an element that `css` selects.
pub(crate) fn has(page: &str, css: &str) -> bool {
    parse(page).select(&selector(css)).next().is_some()
}

/// The text of every element that `css` selects, in the page's order.
pub(crate) fn texts(page: &str, css: &str) -> Vec<String> {
    parse(page).select(&selector(css)).map(text_of).collect()
}

/// The value of the page's first field named `name` (a form's CSRF token, say).
pub(crate) fn field(page: &str, name: &str) -> String {
    first_value(
        parse(page).root_element(),
        &format!("input[name=\"{name}\"]"),
    )
    .unwrap_or_else(|| panic!("no {name} field"))
}

/// The value of the field `name` in the form of the button whose label (its
/// `aria-label`, else its text) starts with `button`.
pub(crate) fn field_of(page: &str, button: &str, name: &str) -> String {
    let document = parse(page);
    let form = document
        .select(&selector("form"))
        .find(|form| {
            form.select(&selector("button")).any(|each| {
                each.value()
                    .attr("aria-label")
                    .map_or_else(|| text_of(each), str::to_owned)
                    .starts_with(button)
            })
        })
        .unwrap_or_else(|| panic!("no button {button:?} on the page"));
    first_value(form, &format!("input[name=\"{name}\"]"))
        .unwrap_or_else(|| panic!("no {name} field in the form of {button:?}"))
}

/// Every hidden field of the page, in order: what a form sends on unseen.
pub(crate) fn hidden_fields(page: &str) -> Vec<(String, String)> {
    parse(page)
        .select(&selector("input[type=hidden]"))
        .map(|input| {
            let name = input.value().attr("name").unwrap_or_default().to_owned();
            (name, value_of(input))
        })
        .collect()
}

/// The value of the input `id` (a link shown to copy, say).
pub(crate) fn input_value(page: &str, id: &str) -> String {
    first_value(parse(page).root_element(), &format!("input[id=\"{id}\"]"))
        .unwrap_or_else(|| panic!("no input #{id} on the page"))
}

/// Where the first link whose text starts with `text` goes, if the page has one.
pub(crate) fn link(page: &str, text: &str) -> Option<String> {
    parse(page)
        .select(&selector("a[href]"))
        .find(|link| text_of(*link).starts_with(text))
        .and_then(|link| link.value().attr("href").map(str::to_owned))
}

/// Where the first link of the page (an email's button, say) goes.
pub(crate) fn first_link(page: &str) -> Option<String> {
    link(page, "")
}
