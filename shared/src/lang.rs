//! The languages people read this product in, and their words.
//!
//! Every word a person sees (pages, emails, error pages) is a message in a Fluent catalog
//! under `shared/locales/<language>/`, compiled into the binary; none is written in Rust
//! or in a template. A page is answered in the language its reader chose from the menu
//! (remembered in a cookie), else the best match of the browser's `Accept-Language`,
//! else English. An email is written in the language the inviter chose for its client.
//!
//! A page's language is set once per request by the page wrapper ([`speaking`]) and read
//! where the words are made ([`current`]), so the many small helpers that turn a state
//! into a sentence need no language parameter threaded through every call.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::Future;
use std::str::FromStr;

use fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static CATALOGS = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around placeholders: pages and emails are
        // left-to-right only, and the marks would show in plain-text emails and break
        // the links and addresses put into sentences.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language pages and emails are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "de")]
    De,
    #[serde(rename = "pt-BR")]
    PtBr,
}

/// A value put into a message: a name, an address, a count that picks a plural.
pub type Arg<'a> = FluentValue<'a>;

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::Es, Lang::Fr, Lang::De, Lang::PtBr];

    /// The BCP 47 tag: `<html lang>`, the cookie, the API's `language` fields.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::PtBr => "pt-BR",
        }
    }

    fn identifier(self) -> LanguageIdentifier {
        // The tags above are valid BCP 47, so this parse cannot fail; English if it did.
        self.tag().parse().unwrap_or_default()
    }

    /// The best of ours for a browser's `Accept-Language`, by its weights (`q=0` means
    /// "not this one"; equal weights keep the browser's order); regional variants match
    /// (`pt` and `pt-PT` read Brazilian Portuguese, `en-GB` English). `None` when it
    /// names none of ours.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        // fluent-langneg's own parser keeps the order and drops the weights.
        let mut weighted: Vec<(f32, LanguageIdentifier)> = header
            .split(',')
            .filter_map(|entry| {
                let mut parts = entry.split(';');
                let tag = parts.next()?.trim();
                let weight = match parts.find_map(|part| part.trim().strip_prefix("q=")) {
                    Some(weight) => weight.trim().parse::<f32>().ok()?,
                    None => 1.0,
                };
                (weight > 0.0).then_some(())?;
                Some((weight, tag.parse().ok()?))
            })
            .collect();
        weighted.sort_by(|a, b| b.0.total_cmp(&a.0));
        let requested: Vec<LanguageIdentifier> = weighted.into_iter().map(|(_, tag)| tag).collect();
        let available: Vec<LanguageIdentifier> =
            Lang::ALL.iter().map(|lang| lang.identifier()).collect();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .and_then(|identifier| Lang::from_str(&identifier.to_string()).ok())
    }

    /// The message `id` in this language with `args` put in. A message missing here
    /// falls back to English; one missing everywhere (a test forbids it) shows its id
    /// and is logged, rather than failing the page.
    pub fn say(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| (Cow::Owned((*name).to_owned()), value.clone()))
            .collect();
        let args = (!args.is_empty()).then_some(&args);
        CATALOGS
            .try_lookup_complete(&self.identifier(), id, args)
            .unwrap_or_else(|| {
                tracing::error!(message = id, language = self.tag(), "no such message");
                id.to_owned()
            })
    }
}

/// The language's own name for itself, as the menu lists it ("Español").
impl std::fmt::Display for Lang {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.say("language-name", &[]))
    }
}

/// A language tag we don't write in.
#[derive(Debug, thiserror::Error)]
#[error("{0:?} is not a language this product is written in (en, es, fr, de, pt-BR)")]
pub struct UnknownLanguage(pub String);

impl FromStr for Lang {
    type Err = UnknownLanguage;

    /// Our tags, in any case; a bare `pt` reads Brazilian Portuguese.
    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        match tag.to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "es" => Ok(Lang::Es),
            "fr" => Ok(Lang::Fr),
            "de" => Ok(Lang::De),
            "pt-br" | "pt" => Ok(Lang::PtBr),
            _ => Err(UnknownLanguage(tag.to_owned())),
        }
    }
}

/// Teaches a template environment `t(id, name=value, …)`: the message `id` in the
/// template's `lang` (a context variable: an email's language), else the current page's.
/// What it returns is escaped like any other value of an HTML template.
pub fn teach_words(env: &mut minijinja::Environment<'_>) {
    env.add_function(
        "t",
        |state: &minijinja::State, id: &str, kwargs: minijinja::value::Kwargs| {
            let lang = state
                .lookup("lang")
                .and_then(|tag| tag.as_str().and_then(|tag| tag.parse::<Lang>().ok()))
                .unwrap_or_else(current);
            let mut args = Vec::new();
            for name in kwargs.args() {
                let value: minijinja::Value = kwargs.get(name)?;
                let arg = match value.as_i64() {
                    Some(number) => Arg::from(number),
                    None => Arg::from(value.to_string()),
                };
                args.push((name, arg));
            }
            kwargs.assert_all_used()?;
            Ok::<_, minijinja::Error>(lang.say(id, &args))
        },
    );
}

tokio::task_local! {
    static PAGE_LANGUAGE: Lang;
}

/// Runs `work` (answering one page request) in `lang`: everything it says through
/// [`current`] is in that language.
pub async fn speaking<F: Future>(lang: Lang, work: F) -> F::Output {
    PAGE_LANGUAGE.scope(lang, work).await
}

/// The language of the page being answered; English outside a page request.
pub fn current() -> Lang {
    PAGE_LANGUAGE.try_with(|lang| *lang).unwrap_or_default()
}

/// A message in the current page's language: `tr!("connect-done")`,
/// `tr!("connect-connected", platform = name)`.
#[macro_export]
macro_rules! tr {
    ($id:expr) => {
        $crate::lang::current().say($id, &[])
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::lang::current().say(
            $id,
            &[$((stringify!($name), $crate::lang::Arg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_gets_its_best_language_or_none() {
        assert_eq!(
            Lang::from_accept_language("de-CH, de;q=0.9, en;q=0.5"),
            Some(Lang::De)
        );
        assert_eq!(
            Lang::from_accept_language("pt-PT,pt;q=0.9"),
            Some(Lang::PtBr)
        );
        assert_eq!(Lang::from_accept_language("ja, fr;q=0.4"), Some(Lang::Fr));
        assert_eq!(Lang::from_accept_language("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr;q=0, de"), Some(Lang::De));
        assert_eq!(Lang::from_accept_language("en;q=0.5, es"), Some(Lang::Es));
        assert_eq!(Lang::from_accept_language("*"), None);
        assert_eq!(Lang::from_accept_language("ja, zh"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn tags_read_back_in_any_case_and_others_are_refused() {
        for lang in Lang::ALL {
            assert_eq!(lang.tag().parse::<Lang>().unwrap(), lang);
            assert_eq!(lang.tag().to_uppercase().parse::<Lang>().unwrap(), lang);
        }
        assert!("it".parse::<Lang>().is_err());
    }

    #[test]
    fn every_language_names_itself() {
        let names: Vec<String> = Lang::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(
            names,
            [
                "English",
                "Español",
                "Français",
                "Deutsch",
                "Português (Brasil)"
            ]
        );
    }

    #[tokio::test]
    async fn a_page_request_speaks_its_language_and_other_code_english() {
        assert_eq!(current(), Lang::En);
        let spoken = speaking(Lang::Fr, async { current() }).await;
        assert_eq!(spoken, Lang::Fr);
        assert_eq!(current(), Lang::En);
    }

    /// Every catalog file of every language: (language folder, file name, its text).
    fn catalog_files() -> Vec<(String, String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut files = Vec::new();
        for lang in Lang::ALL {
            let folder = root.join(lang.tag());
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                if name.ends_with(".ftl") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files.push((lang.tag().to_owned(), name, text));
                }
            }
        }
        files
    }

    /// Each message (and attribute, as `id.attribute`) of a catalog with the variables
    /// it puts in.
    fn messages_of(text: &str) -> std::collections::BTreeMap<String, Vec<String>> {
        use fluent_syntax::ast;
        fn in_pattern(pattern: &ast::Pattern<&str>, found: &mut Vec<String>) {
            for element in &pattern.elements {
                if let ast::PatternElement::Placeable { expression } = element {
                    in_expression(expression, found);
                }
            }
        }
        fn in_expression(expression: &ast::Expression<&str>, found: &mut Vec<String>) {
            match expression {
                ast::Expression::Select { selector, variants } => {
                    in_inline(selector, found);
                    for variant in variants {
                        in_pattern(&variant.value, found);
                    }
                }
                ast::Expression::Inline(inline) => in_inline(inline, found),
            }
        }
        fn in_inline(inline: &ast::InlineExpression<&str>, found: &mut Vec<String>) {
            match inline {
                ast::InlineExpression::VariableReference { id } => found.push(id.name.to_owned()),
                ast::InlineExpression::FunctionReference { arguments, .. } => {
                    for argument in &arguments.positional {
                        in_inline(argument, found);
                    }
                    for named in &arguments.named {
                        in_inline(&named.value, found);
                    }
                }
                ast::InlineExpression::Placeable { expression } => in_expression(expression, found),
                _ => {}
            }
        }
        let resource = fluent_syntax::parser::parse(text)
            .unwrap_or_else(|(_, errors)| panic!("a catalog does not parse: {errors:?}"));
        let mut messages = std::collections::BTreeMap::new();
        for entry in &resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = Vec::new();
                if let Some(value) = &message.value {
                    in_pattern(value, &mut variables);
                }
                variables.sort();
                variables.dedup();
                messages.insert(message.id.name.to_owned(), variables);
                for attribute in &message.attributes {
                    let mut variables = Vec::new();
                    in_pattern(&attribute.value, &mut variables);
                    variables.sort();
                    variables.dedup();
                    messages.insert(
                        format!("{}.{}", message.id.name, attribute.id.name),
                        variables,
                    );
                }
            }
        }
        messages
    }

    #[test]
    fn every_language_has_every_message_with_the_same_placeholders() {
        let files = catalog_files();
        let english: Vec<_> = files.iter().filter(|(lang, ..)| lang == "en").collect();
        assert!(!english.is_empty());
        let mut problems = Vec::new();
        for lang in Lang::ALL.iter().filter(|lang| **lang != Lang::En) {
            for (_, name, text) in &english {
                let Some((.., translated)) = files
                    .iter()
                    .find(|(other, other_name, _)| other == lang.tag() && other_name == name)
                else {
                    problems.push(format!("{}/{name} is missing", lang.tag()));
                    continue;
                };
                let expected = messages_of(text);
                let found = messages_of(translated);
                for (id, variables) in &expected {
                    match found.get(id) {
                        None => problems.push(format!("{}/{name}: {id} is missing", lang.tag())),
                        Some(theirs) if theirs != variables => problems.push(format!(
                            "{}/{name}: {id} puts in {theirs:?}, English puts in {variables:?}",
                            lang.tag()
                        )),
                        Some(_) => {}
                    }
                }
                for id in found.keys().filter(|id| !expected.contains_key(*id)) {
                    problems.push(format!("{}/{name}: {id} is not in English", lang.tag()));
                }
            }
            for (_, name, _) in files.iter().filter(|(other, ..)| other == lang.tag()) {
                if !english
                    .iter()
                    .any(|(_, english_name, _)| english_name == name)
                {
                    problems.push(format!("{}/{name} has no English file", lang.tag()));
                }
            }
        }
        assert!(
            problems.is_empty(),
            "catalogs disagree:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn no_message_id_is_written_twice_across_the_files_of_a_language() {
        for lang in Lang::ALL {
            let mut seen = std::collections::BTreeMap::new();
            for (_, name, text) in catalog_files().iter().filter(|(tag, ..)| tag == lang.tag()) {
                for id in messages_of(text).into_keys() {
                    if let Some(first) = seen.insert(id.clone(), name.clone()) {
                        panic!("{}: {id} is in both {first} and {name}", lang.tag());
                    }
                }
            }
        }
    }

    #[test]
    fn a_missing_message_shows_its_id_instead_of_failing() {
        assert_eq!(Lang::De.say("no-such-message", &[]), "no-such-message");
    }
}
