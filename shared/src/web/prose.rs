//! The templates hold no words: every word a page or an email shows comes from a
//! catalog through `t(…)`, so each one exists in every language. This test reads every
//! page template (`templates/pages/*.html`) and every email template (`templates/*.html`,
//! `templates/*.txt`) from disk, so a new template is checked without being listed.
//!
//! A template passes when, after taking out `{{ … }}`, `{% … %}`, `{# … #}`, the insides
//! of `<style>` and `<script>`, HTML tags and entities, no letter is left; and when every
//! `aria-label`, `alt`, `title` and `placeholder` it writes is empty or made only of
//! `t(…)` calls (an attribute is read by assistive technology: it is prose too).

use std::path::{Path, PathBuf};

/// Templates whose words have not moved to the catalogs yet (their authors are on
/// it). Each is still checked, so the list cannot outlive the work: a listed template
/// that passes fails the test until it is taken off.
const NOT_YET_MIGRATED: &[&str] = &[];

/// Every template, as its path under `templates/`.
fn templates() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut found = Vec::new();
    for folder in [root.clone(), root.join("pages")] {
        for entry in std::fs::read_dir(&folder).expect("the templates folder reads") {
            let path = entry.expect("a folder entry reads").path();
            let is_template = path
                .extension()
                .is_some_and(|extension| extension == "html" || extension == "txt");
            if path.is_file() && is_template {
                let name = path
                    .strip_prefix(&root)
                    .expect("under templates/")
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((name, path));
            }
        }
    }
    found.sort();
    found
}

/// `source` with each `open … close` span replaced by a space (an unclosed one runs
/// to the end).
fn without(source: &str, open: &str, close: &str) -> String {
    let mut kept = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find(open) {
        kept.push_str(&rest[..start]);
        kept.push(' ');
        rest = match rest[start + open.len()..].find(close) {
            Some(end) => &rest[start + open.len() + end + close.len()..],
            None => "",
        };
    }
    kept.push_str(rest);
    kept
}

/// `source` without its template syntax.
fn without_template_syntax(source: &str) -> String {
    let source = without(source, "{#", "#}");
    let source = without(&source, "{{", "}}");
    without(&source, "{%", "%}")
}

/// What a person would read of `source` that no `t(…)` wrote: its text with the
/// template syntax, styles, scripts, tags and entities taken out. For a plain-text
/// template (`html` false) only the template syntax goes.
fn stray_words(source: &str, html: bool) -> Vec<String> {
    let mut text = without_template_syntax(source);
    if html {
        for element in ["style", "script"] {
            text = without(&text, &format!("<{element}"), &format!("</{element}>"));
        }
        text = without(&text, "<!--", "-->");
        text = without(&text, "<", ">");
        text = without(&text, "&", ";");
        // A block that fills in an attribute of its parent's tag (`<main{% block
        // main_class %}{% endblock %}>` filled with ` class="wide"`) is markup too.
        text = without_attribute_fragments(&text);
    }
    text.lines()
        .map(str::trim)
        .filter(|line| line.chars().any(char::is_alphabetic))
        .map(str::to_owned)
        .collect()
}

/// `text` without `name="value"` fragments: attributes written by a block that sits
/// inside its parent template's tag.
fn without_attribute_fragments(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(quote) = rest.find("=\"") {
        let name_start = rest[..quote]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |at| at + 1);
        let value = &rest[quote + 2..];
        match value.find('"') {
            Some(end) if name_start < quote => {
                kept.push_str(&rest[..name_start]);
                kept.push(' ');
                rest = &value[end + 1..];
            }
            _ => {
                kept.push_str(&rest[..quote + 2]);
                rest = value;
            }
        }
    }
    kept.push_str(rest);
    kept
}

/// The attributes people hear or see as words, with their raw values (template syntax
/// and all) and the line each starts on.
fn spoken_attributes(source: &str) -> Vec<(usize, String, String)> {
    const SPOKEN: [&str; 4] = ["aria-label", "alt", "title", "placeholder"];
    let mut found = Vec::new();
    let bytes = source.as_bytes();
    for name in SPOKEN {
        let pattern = format!("{name}=\"");
        let mut from = 0;
        while let Some(at) = source[from..].find(&pattern) {
            let start = from + at;
            from = start + pattern.len();
            // Only a whole attribute name: `title=` but not `subtitle=`.
            if start > 0 && !bytes[start - 1].is_ascii_whitespace() {
                continue;
            }
            // The value ends at the first quote outside template syntax (a `t("…")`
            // inside it has quotes of its own).
            let mut depth = 0usize;
            let mut end = from;
            while end < source.len() {
                let rest = &source[end..];
                if rest.starts_with("{{") || rest.starts_with("{%") {
                    depth += 1;
                    end += 2;
                } else if depth > 0 && (rest.starts_with("}}") || rest.starts_with("%}")) {
                    depth -= 1;
                    end += 2;
                } else if depth == 0 && rest.starts_with('"') {
                    break;
                } else {
                    end += rest.chars().next().map_or(1, char::len_utf8);
                }
            }
            let line = source[..start].lines().count().max(1);
            found.push((line, name.to_owned(), source[from..end].to_owned()));
        }
    }
    found.sort();
    found
}

/// Whether an attribute's value is empty or made only of `t(…)` calls (within any
/// `{% if %}`): no letters outside template syntax, and every `{{ … }}` a `t(…)`.
fn spoken_value_is_translated(value: &str) -> bool {
    let no_stray_letters = !without_template_syntax(value)
        .chars()
        .any(char::is_alphabetic);
    let mut every_output_translated = true;
    let mut rest = value;
    while let Some(start) = rest.find("{{") {
        let inside = &rest[start + 2..];
        let end = inside.find("}}").unwrap_or(inside.len());
        every_output_translated &= inside[..end].trim_start().starts_with("t(");
        rest = &inside[end..];
    }
    no_stray_letters && every_output_translated
}

/// What is wrong with one template, one line each.
fn offences(name: &str, source: &str) -> Vec<String> {
    let html = name.ends_with(".html");
    let mut said: Vec<String> = stray_words(source, html)
        .into_iter()
        .map(|words| format!("words outside t(): {words:?}"))
        .collect();
    if html {
        for (line, attribute, value) in spoken_attributes(source) {
            if !spoken_value_is_translated(&value) {
                said.push(format!(
                    "line {line}: {attribute}=\"{value}\" is not a t() call"
                ));
            }
        }
    }
    said
}

#[test]
fn no_template_writes_words_of_its_own() {
    let mut report = Vec::new();
    for (name, path) in templates() {
        let source = std::fs::read_to_string(&path).expect("a template reads");
        let found = offences(&name, &source);
        let waiting = NOT_YET_MIGRATED.contains(&name.as_str());
        if waiting && found.is_empty() {
            report.push(format!(
                "{name} has no words of its own any more: take it off NOT_YET_MIGRATED"
            ));
        } else if !waiting && !found.is_empty() {
            report.push(format!("{name}:\n  {}", found.join("\n  ")));
        }
    }
    assert!(
        report.is_empty(),
        "templates with words:\n{}",
        report.join("\n")
    );
}

#[test]
fn words_outside_t_are_found_and_words_inside_are_not() {
    let page = r#"<h1>{{ t("connect-title", workspace=name) }}</h1>
<style nonce="{{ nonce }}">body { color: red; }</style>
{# a comment in words #}{% if shown %}&nbsp;<p>@{{ account }} &middot; 3</p>{% endif %}
{% block main_class %} class="wide"{% endblock %}"#;
    assert!(offences("pages/ok.html", page).is_empty());

    assert_eq!(
        offences("pages/bad.html", "<p>Granted: {{ words }}</p>"),
        ["words outside t(): \"Granted:\""]
    );
    assert_eq!(
        offences("mail.txt", "{{ t(\"hello\") }}\nSee you soon"),
        ["words outside t(): \"See you soon\""]
    );
}

#[test]
fn spoken_attributes_must_be_t_calls_or_empty() {
    let good = r#"<img src="{{ logo }}" alt=""><button aria-label="{% if many %}{{ t("a", x=y) }}{% else %}{{ t("b") }}{% endif %}">{{ t("c") }}</button>"#;
    assert!(offences("pages/good.html", good).is_empty());

    let words = r#"<section aria-label="Platforms"></section>"#;
    assert_eq!(
        offences("pages/words.html", words),
        ["line 1: aria-label=\"Platforms\" is not a t() call"]
    );
    let raw_value = r#"<img alt="{{ workspace_name }}" src="x">"#;
    assert_eq!(offences("pages/raw.html", raw_value).len(), 1);
    let subtitle = r#"<p data-subtitle="Words">{{ t("d") }}</p>"#;
    assert!(offences("pages/data.html", subtitle).is_empty());
}

/// A button whose accessible name says more than its text (the platform, the account)
/// still starts with that text in every language, as speech input and axe's
/// label-content-name-mismatch rule expect.
#[test]
fn a_buttons_longer_name_starts_with_its_visible_text_in_every_language() {
    use crate::lang::{Arg, Lang};
    let pairs = [
        ("connect-reconnect", "connect-reconnect-label"),
        ("connect-disconnect", "connect-disconnect-label"),
        ("connect-disconnect", "connect-disconnect-account-label"),
        ("connect-connect", "connect-connect-label"),
        ("connect-connect-another", "connect-connect-another-label"),
    ];
    let args = [
        ("platform", Arg::from("YouTube")),
        ("account", Arg::from("brand")),
    ];
    for lang in Lang::ALL {
        for (button, label) in pairs {
            let visible = lang.say(button, &[]);
            let name = lang.say(label, &args);
            assert!(
                name.starts_with(&visible) && name.len() > visible.len(),
                "{}: {name:?} does not start with {visible:?}",
                lang.tag()
            );
        }
    }
}
